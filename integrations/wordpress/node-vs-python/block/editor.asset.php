<?php
// Scripts the block's editor code needs; WordPress reads this next to editor.js (no build step).
return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components' ),
	'version'      => '1.0.0',
);
