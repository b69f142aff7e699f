// Records the element's crisis-desk:error event on <body data-error> for the test to read.
document.addEventListener("crisis-desk:error", function (e) {
  document.body.dataset.error = JSON.stringify({ code: e.detail.code, path: e.detail.path, message: e.detail.message });
});
window.CrisisDesk.ready.then(null, function () {});
document.querySelector("crisis-desk").situation = { any: "thing" };
