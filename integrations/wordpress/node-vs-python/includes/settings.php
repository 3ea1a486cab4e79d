<?php
/**
 * Settings → Node.js vs Python: where the widget's files come from (the copy bundled with the
 * plugin, or a CDN) and whether to load the script on every page.
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_init', 'nvp_register_settings' );
function nvp_register_settings() {
	register_setting(
		'node_vs_python',
		NVP_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'nvp_sanitize_settings',
			'default'           => array(),
		)
	);
}

/** Keeps only valid values; a bad CDN address or hash is refused with a notice. */
function nvp_sanitize_settings( $input ) {
	$input = is_array( $input ) ? $input : array();
	$clean = array(
		'source'        => ( isset( $input['source'] ) && 'cdn' === $input['source'] ) ? 'cdn' : 'bundled',
		'cdn_url'       => '',
		'cdn_integrity' => '',
		'everywhere'    => ! empty( $input['everywhere'] ),
	);
	$url = isset( $input['cdn_url'] ) ? trim( (string) $input['cdn_url'] ) : '';
	if ( '' !== $url ) {
		$url = esc_url_raw( $url, array( 'https', 'http' ) );
		if ( '' === $url ) {
			add_settings_error( NVP_OPTION, 'cdn_url', __( 'The CDN address must start with https:// (or http://).', 'node-vs-python' ) );
		} else {
			// The folder, not the file: accept a pasted ".../embed.js" too.
			$clean['cdn_url'] = trailingslashit( preg_replace( '#/embed\.js$#', '', $url ) );
		}
	}
	$integrity = isset( $input['cdn_integrity'] ) ? trim( (string) $input['cdn_integrity'] ) : '';
	if ( '' !== $integrity ) {
		if ( preg_match( '#^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$#', $integrity ) ) {
			$clean['cdn_integrity'] = $integrity;
		} else {
			add_settings_error( NVP_OPTION, 'cdn_integrity', __( 'The integrity hash must look like sha384-… (paste the whole line of embed.js.sri).', 'node-vs-python' ) );
		}
	}
	if ( 'cdn' === $clean['source'] && '' === $clean['cdn_url'] ) {
		$clean['source'] = 'bundled';
		add_settings_error( NVP_OPTION, 'source', __( 'No CDN address was given, so the widget files bundled with the plugin are used.', 'node-vs-python' ) );
	}
	return $clean;
}

add_action( 'admin_menu', 'nvp_add_settings_page' );
function nvp_add_settings_page() {
	add_options_page( 'Node.js vs Python', 'Node.js vs Python', 'manage_options', 'node-vs-python', 'nvp_render_settings_page' );
}

add_action( 'admin_notices', 'nvp_missing_files_notice' );
/** The plugin folder from the repository has no widget files until it is packaged. */
function nvp_missing_files_notice() {
	$settings = nvp_settings();
	if ( 'bundled' !== $settings['source'] || nvp_bundled_files_present() || ! current_user_can( 'manage_options' ) ) {
		return;
	}
	printf(
		'<div class="notice notice-error"><p>%s</p></div>',
		esc_html__( 'Node.js vs Python: the widget files are missing from the plugin\'s widget/ folder. Install the packaged plugin zip, or set a CDN address under Settings → Node.js vs Python.', 'node-vs-python' )
	);
}

function nvp_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$s       = nvp_settings();
	$name    = NVP_OPTION;
	$bundled = nvp_bundled_files_present() ? plugins_url( 'widget/', dirname( __DIR__ ) . '/node-vs-python.php' ) : '';
	?>
	<div class="wrap">
		<h1>Node.js vs Python</h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'node_vs_python' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><?php esc_html_e( 'Widget files', 'node-vs-python' ); ?></th>
					<td>
						<fieldset>
							<label><input type="radio" name="<?php echo esc_attr( $name ); ?>[source]" value="bundled" <?php checked( 'bundled', $s['source'] ); ?>>
								<?php esc_html_e( 'From this site (the copy bundled with the plugin)', 'node-vs-python' ); ?></label><br>
							<?php if ( $bundled ) : ?>
								<p class="description"><code><?php echo esc_html( $bundled ); ?></code></p>
							<?php endif; ?>
							<label><input type="radio" name="<?php echo esc_attr( $name ); ?>[source]" value="cdn" <?php checked( 'cdn', $s['source'] ); ?>>
								<?php esc_html_e( 'From a CDN or another server', 'node-vs-python' ); ?></label>
						</fieldset>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="nvp-cdn-url"><?php esc_html_e( 'CDN folder', 'node-vs-python' ); ?></label></th>
					<td>
						<input id="nvp-cdn-url" class="regular-text code" type="url" name="<?php echo esc_attr( $name ); ?>[cdn_url]" value="<?php echo esc_attr( $s['cdn_url'] ); ?>" placeholder="https://cdn.example.com/nvp/">
						<p class="description"><?php esc_html_e( 'The folder that holds embed.js and the other files of the build. That server must send Access-Control-Allow-Origin and serve .wasm as application/wasm.', 'node-vs-python' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="nvp-cdn-integrity"><?php esc_html_e( 'Integrity of embed.js', 'node-vs-python' ); ?></label></th>
					<td>
						<input id="nvp-cdn-integrity" class="large-text code" type="text" name="<?php echo esc_attr( $name ); ?>[cdn_integrity]" value="<?php echo esc_attr( $s['cdn_integrity'] ); ?>" placeholder="sha384-…">
						<p class="description"><?php esc_html_e( 'Optional: the contents of embed.js.sri from the same build. It pins every file of the build; update it with each new upload.', 'node-vs-python' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Where to load the script', 'node-vs-python' ); ?></th>
					<td>
						<label><input type="checkbox" name="<?php echo esc_attr( $name ); ?>[everywhere]" value="1" <?php checked( $s['everywhere'] ); ?>>
							<?php esc_html_e( 'On every page (needed only when a theme template or a sidebar shows the widget)', 'node-vs-python' ); ?></label>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
		<h2><?php esc_html_e( 'Adding the widget to a post', 'node-vs-python' ); ?></h2>
		<p><?php esc_html_e( 'Any role that can edit posts can use the "Node.js vs Python" block, the shortcode, or the element in a Custom HTML block:', 'node-vs-python' ); ?></p>
		<p><code>[node_vs_python views="simulate" compact preset="chat"]</code></p>
		<p><code>&lt;node-vs-python views="simulate" compact&gt;&lt;/node-vs-python&gt;</code></p>
	</div>
	<?php
}
