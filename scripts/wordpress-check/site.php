<?php
/**
 * WordPress chores for scripts/wordpress-check.sh, run with the PHP CLI against the check's own
 * site (never a real one): install the site and its users, activate the plugin, point the
 * plugin at the CDN. Each prints one JSON line.
 *
 *   php site.php install SITE_URL       site, theme, an Author and a Contributor with app passwords
 *   php site.php activate SITE_URL      activates the node-vs-python plugin
 *   php site.php use-cdn SITE_URL FOLDER INTEGRITY
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
[ , $command, $site ] = array_pad( $argv, 3, '' );
$parts = parse_url( $site );
$_SERVER['HTTP_HOST']        = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['WORDPRESS_CONFIG'] = 'nvpcheck';
if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require '/usr/share/wordpress/wp-load.php';

function done( array $result ) {
	echo json_encode( $result ), "\n";
	exit( 0 );
}

function fail( string $why ) {
	fwrite( STDERR, "site.php: $why\n" );
	exit( 1 );
}

switch ( $command ) {
	case 'install':
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		add_filter( 'pre_wp_mail', '__return_true' ); // no mail server: skip the welcome mail
		$password = wp_generate_password( 24, false );
		$installed = wp_install( 'Widget check', 'admin', 'admin@example.invalid', false, '', $password );
		if ( is_wp_error( $installed ) ) {
			fail( $installed->get_error_message() );
		}
		switch_theme( 'twentytwentythree' );
		$users = array();
		foreach ( array( 'author' => 'author', 'contributor' => 'contributor' ) as $login => $role ) {
			$user_password = wp_generate_password( 24, false );
			$id = wp_insert_user(
				array(
					'user_login' => $login,
					'user_pass'  => $user_password,
					'user_email' => "$login@example.invalid",
					'role'       => $role,
				)
			);
			if ( is_wp_error( $id ) ) {
				fail( $id->get_error_message() );
			}
			if ( user_can( $id, 'unfiltered_html' ) ) {
				fail( "$login can post unfiltered HTML, so the check would prove nothing" );
			}
			[ $app_password ] = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'wordpress-check' ) );
			$users[ $login ] = array( 'user' => $login, 'password' => $user_password, 'app_password' => $app_password );
		}
		done( array( 'admin_password' => $password, 'users' => $users ) );
		// no break: done() exits.
	case 'activate':
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$result = activate_plugin( 'node-vs-python/node-vs-python.php' );
		if ( is_wp_error( $result ) ) {
			fail( $result->get_error_message() );
		}
		done( array( 'active' => is_plugin_active( 'node-vs-python/node-vs-python.php' ) ) );
		// no break
	case 'use-cdn':
		$clean = nvp_sanitize_settings(
			array( 'source' => 'cdn', 'cdn_url' => $argv[3] ?? '', 'cdn_integrity' => $argv[4] ?? '' )
		);
		update_option( NVP_OPTION, $clean );
		done( nvp_settings() );
		// no break
	default:
		fail( "unknown command \"$command\"" );
}
