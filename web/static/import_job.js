// An import job's page (web/pages/import_jobs.py): its counts brought up to date in place every few seconds from the
// job's progress (JSON), the page opened again once the job is done, to show its report. A browser without scripts
// opens the page again instead (its <noscript> refresh).
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || !box.dataset.progress) {
    return;
  }
  var every = Number(box.dataset.every || "2") * 1000;
  function look() {
    fetch(box.dataset.progress, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(String(answer.status));
        }
        return answer.json();
      })
      .then(function (job) {
        if (job.finished) {
          window.location.reload();
          return;
        }
        Object.keys(job.shown).forEach(function (name) {
          var shown = box.querySelector('[data-count="' + name + '"]');
          if (shown) {
            shown.textContent = job.shown[name];
          }
        });
        var bar = document.getElementById("job-bar");
        if (bar) {
          bar.max = job.rows_total;
          bar.value = job.rows_read;
        }
        window.setTimeout(look, every);
      })
      .catch(function () {
        window.setTimeout(look, every * 5); // (the server restarting, a connection lost: asked again later)
      });
  }
  window.setTimeout(look, every);
})();
