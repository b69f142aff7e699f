// Records how CrisisDesk.ready settles, for page.test.mjs.
window.CrisisDesk.ready.then(
  function () {
    document.body.dataset.result = JSON.stringify({ code: "ready" });
  },
  function (e) {
    document.body.dataset.result = JSON.stringify({ code: e.code, message: e.message });
  }
);
