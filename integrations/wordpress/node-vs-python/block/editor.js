// The "Node.js vs Python" block in the editor: options in the sidebar, a placeholder in the
// post (the widget itself runs on the published page). Plain ES2015 with WordPress's globals,
// so the plugin needs no build step. The block is dynamic: PHP renders it (save returns null).
(function (blocks, element, blockEditor, components) {
  var el = element.createElement;
  var VIEWS = [
    { label: "All four: the answer first, then Compare, Use cases, Simulate", value: "" },
    { label: "Answer", value: "answer" },
    { label: "Compare", value: "compare" },
    { label: "Use cases", value: "usecases" },
    { label: "Simulate", value: "simulate" },
    { label: "Compare and Simulate", value: "compare,simulate" },
    { label: "Use cases and Simulate", value: "usecases,simulate" }
  ];
  var THEMES = [
    { label: "Follow the visitor's system", value: "auto" },
    { label: "Light", value: "light" },
    { label: "Dark", value: "dark" }
  ];

  function summary(a) {
    var view = VIEWS.filter(function (v) { return v.value === a.views; })[0];
    return (view ? view.label : a.views) + (a.compact ? ", compact" : "") + (a.preset ? ", preset " + a.preset : "");
  }

  blocks.registerBlockType("node-vs-python/widget", {
    edit: function (props) {
      var a = props.attributes;
      var set = props.setAttributes;
      return el("div", blockEditor.useBlockProps(),
        el(blockEditor.InspectorControls, null,
          el(components.PanelBody, { title: "Widget options" },
            el(components.SelectControl, { label: "Views", value: a.views, options: VIEWS, onChange: function (v) { set({ views: v }); } }),
            el(components.SelectControl, { label: "Theme", value: a.theme, options: THEMES, onChange: function (v) { set({ theme: v }); } }),
            el(components.ToggleControl, { label: "Compact (for a simulate-only widget: the verdict, the timeline and one switch)", checked: a.compact, onChange: function (v) { set({ compact: v }); } }),
            el(components.TextControl, { label: "Accent colour", help: "A CSS colour such as #e4572e; empty for the default.", value: a.accent, onChange: function (v) { set({ accent: v }); } }),
            el(components.TextControl, { label: "Simulator preset", help: "A use case such as chat or ml_pipeline; empty for none.", value: a.preset, onChange: function (v) { set({ preset: v }); } })
          )
        ),
        el(components.Placeholder, {
          icon: "chart-bar",
          label: "Node.js vs Python",
          instructions: "The interactive widget appears here on the published page (" + summary(a) + ")."
        })
      );
    },
    save: function () { return null; }
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components);
