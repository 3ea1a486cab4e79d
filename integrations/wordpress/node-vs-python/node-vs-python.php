<?php
/**
 * Plugin Name:       Node.js vs Python widget
 * Description:       Embeds the node-vs-python widget with a block, a shortcode or the &lt;node-vs-python&gt; element, for every role that can edit posts, from this site or from a CDN.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Text Domain:       node-vs-python
 *
 * Why a plugin: WordPress strips unknown elements such as <node-vs-python> from posts saved by
 * users without the unfiltered_html capability (Authors, Contributors, everyone on multisite
 * but Super Admins), and its Media Library refuses .wasm files. This plugin ships the widget's
 * files, loads them only on pages that show a widget, and allows the element and its options.
 */

defined( 'ABSPATH' ) || exit;

/** Settings are stored under this option name. */
const NVP_OPTION = 'node_vs_python';

/** The widget's options, as element attributes (see docs/embedding.md). */
const NVP_ATTRIBUTES = array( 'views', 'view', 'theme', 'accent', 'compact', 'hash', 'namespace', 'state', 'preset', 'lazy' );

/** Options that are true when given as a bare word, e.g. [node_vs_python compact]. */
const NVP_FLAGS = array( 'compact', 'lazy' );

require_once __DIR__ . '/includes/settings.php';

/** The saved settings, with defaults for anything missing. */
function nvp_settings() {
	$saved = get_option( NVP_OPTION, array() );
	return wp_parse_args(
		is_array( $saved ) ? $saved : array(),
		array(
			'source'        => 'bundled',
			'cdn_url'       => '',
			'cdn_integrity' => '',
			'everywhere'    => false,
		)
	);
}

/** True when the widget files bundled with the plugin are present (the packaged zip has them). */
function nvp_bundled_files_present() {
	return is_readable( __DIR__ . '/widget/embed.js' );
}

/** The folder the widget's files are served from, ending in a slash. */
function nvp_files_url() {
	$settings = nvp_settings();
	if ( 'cdn' === $settings['source'] && '' !== $settings['cdn_url'] ) {
		return trailingslashit( $settings['cdn_url'] );
	}
	return plugins_url( 'widget/', __FILE__ );
}

/**
 * The SRI hash of embed.js: the bundled build's own, or the one entered for the CDN. One hash
 * pins the whole build, because embed.js carries the hashes of every other file.
 */
function nvp_loader_integrity() {
	$settings = nvp_settings();
	if ( 'cdn' === $settings['source'] && '' !== $settings['cdn_url'] ) {
		return $settings['cdn_integrity'];
	}
	$file = __DIR__ . '/widget/embed.js.sri';
	return is_readable( $file ) ? trim( (string) file_get_contents( $file ) ) : '';
}

/** True when the current request shows a widget we can see before the page is rendered. */
function nvp_page_needs_widget() {
	if ( nvp_settings()['everywhere'] ) {
		return true;
	}
	if ( ! is_singular() ) {
		return false;
	}
	$post = get_queried_object();
	if ( ! $post instanceof WP_Post ) {
		return false;
	}
	return has_shortcode( $post->post_content, 'node_vs_python' )
		|| has_block( 'node-vs-python/widget', $post )
		|| false !== strpos( $post->post_content, 'node-vs-python' );
}

add_action( 'init', 'nvp_register_loader' );
/**
 * Registers the loader early: block themes render the post (and so the block and shortcode,
 * which enqueue it) before the wp_enqueue_scripts action runs.
 */
function nvp_register_loader() {
	// No version query: embed.js keeps its name across builds and pins the hashed files itself.
	wp_register_script( 'node-vs-python', nvp_files_url() . 'embed.js', array(), null, true );
}

add_action( 'wp_enqueue_scripts', 'nvp_enqueue_loader' );
/** Prints the loader in the footer of pages that show a widget (or every page, if set). */
function nvp_enqueue_loader() {
	if ( nvp_page_needs_widget() ) {
		wp_enqueue_script( 'node-vs-python' );
	}
}

add_action( 'wp_head', 'nvp_print_base' );
/**
 * Tells the loader where its files are. Optimisers that combine or defer scripts move
 * embed.js away from its folder; this tag survives them and needs no inline script.
 */
function nvp_print_base() {
	if ( nvp_page_needs_widget() ) {
		printf( '<meta name="node-vs-python-base" content="%s">' . "\n", esc_url( nvp_files_url() ) );
	}
}

add_filter( 'script_loader_tag', 'nvp_loader_tag', 10, 2 );
/** Adds defer, the folder and the SRI hash to the loader's script tag. */
function nvp_loader_tag( $tag, $handle ) {
	if ( 'node-vs-python' !== $handle ) {
		return $tag;
	}
	$extra = sprintf( ' defer data-nvp-base="%s"', esc_url( nvp_files_url() ) );
	$integrity = nvp_loader_integrity();
	if ( '' !== $integrity ) {
		$extra .= sprintf( ' integrity="%s" crossorigin="anonymous"', esc_attr( $integrity ) );
	}
	return preg_replace( '/<script\b/', '<script' . $extra, $tag, 1 );
}

add_filter( 'the_content', 'nvp_enqueue_for_content', 1 );
/** Pages we could not see in advance (archives, widgets areas): load the script when a widget shows. */
function nvp_enqueue_for_content( $content ) {
	if ( is_string( $content ) && false !== strpos( $content, 'node-vs-python' ) ) {
		wp_enqueue_script( 'node-vs-python' );
	}
	return $content;
}

add_filter( 'wp_kses_allowed_html', 'nvp_allow_element', 10, 2 );
/**
 * Lets every role that can edit posts keep <node-vs-python> and its options. Without this,
 * WordPress saves an Author's or Contributor's widget as an empty block. The <div
 * data-node-vs-python> form needs nothing here: data-* attributes on a div are allowed already.
 */
function nvp_allow_element( $tags, $context ) {
	if ( 'post' !== $context ) {
		return $tags;
	}
	$attributes = array_fill_keys( array_merge( NVP_ATTRIBUTES, array( 'id', 'class', 'data-*' ) ), true );
	$tags['node-vs-python'] = $attributes;
	return $tags;
}

/**
 * The element for a set of options. Only known options are written, each escaped; the widget
 * checks every value again and ignores a bad one with a console warning.
 */
function nvp_element( array $options ) {
	$html = '<node-vs-python';
	foreach ( $options as $key => $value ) {
		// A bare word in a shortcode arrives as a numbered value: [node_vs_python compact].
		if ( is_int( $key ) && in_array( strtolower( (string) $value ), NVP_FLAGS, true ) ) {
			$key   = strtolower( (string) $value );
			$value = 'true';
		}
		if ( ! is_string( $key ) || ! in_array( $key, NVP_ATTRIBUTES, true ) ) {
			continue;
		}
		if ( is_bool( $value ) ) {
			$value = $value ? 'true' : 'false';
		}
		$value = trim( (string) $value );
		if ( '' === $value ) {
			continue;
		}
		$html .= sprintf( ' %s="%s"', $key, esc_attr( $value ) );
	}
	return $html . '></node-vs-python>';
}

add_shortcode( 'node_vs_python', 'nvp_shortcode' );
/** [node_vs_python views="simulate" compact preset="chat"]: any role that can write posts. */
function nvp_shortcode( $atts ) {
	wp_enqueue_script( 'node-vs-python' );
	return nvp_element( is_array( $atts ) ? array_change_key_case( $atts, CASE_LOWER ) : array() );
}

add_action( 'init', 'nvp_register_block' );
/** The "Node.js vs Python" block: a dynamic block rendered with the same element. */
function nvp_register_block() {
	register_block_type( __DIR__ . '/block', array( 'render_callback' => 'nvp_render_block' ) );
}

/** Renders the block on the page. */
function nvp_render_block( $attributes ) {
	wp_enqueue_script( 'node-vs-python' );
	$options = array();
	foreach ( array( 'views', 'theme', 'accent', 'preset' ) as $key ) {
		if ( ! empty( $attributes[ $key ] ) && 'auto' !== $attributes[ $key ] ) {
			$options[ $key ] = (string) $attributes[ $key ];
		}
	}
	if ( ! empty( $attributes['compact'] ) ) {
		$options['compact'] = true;
	}
	return sprintf( '<div %s>%s</div>', get_block_wrapper_attributes(), nvp_element( $options ) );
}
