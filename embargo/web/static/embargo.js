// embargo page helpers.  The page works without them; they add the reader's time zone,
// dropping a file onto the text box, and moving focus to the answer.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  var zoneInputs = document.querySelectorAll('input[name="zone"]');
  for (var i = 0; i < zoneInputs.length; i++) {
    if (!zoneInputs[i].value) { zoneInputs[i].value = zone; }
  }
  var note = document.getElementById("zone-note");
  if (note && zone) { note.textContent = "Times will be shown in your time zone, " + zone + "."; }

  var drop = document.getElementById("drop");
  var file = document.getElementById("file");
  if (drop && file) {
    drop.addEventListener("dragover", function (ev) {
      ev.preventDefault();
      drop.classList.add("dragging");
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("dragging"); });
    drop.addEventListener("drop", function (ev) {
      ev.preventDefault();
      drop.classList.remove("dragging");
      if (ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files.length) {
        file.files = ev.dataTransfer.files;
        var help = document.getElementById("file-help");
        if (help) { help.textContent = "Chosen: " + ev.dataTransfer.files[0].name + "."; }
        file.focus();
      }
    });
  }

  var target = document.getElementById("result") || document.getElementById("form-error");
  if (target) {
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }
})();
