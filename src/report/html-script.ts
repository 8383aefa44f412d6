/**
 * The report's only script, inlined and allowed by its hash in the page's
 * Content-Security-Policy. It reads nothing from the page's text as code: it
 * sorts table rows by their cell text, lets Escape dismiss a control's details
 * (WCAG 1.4.13) and marks a table that scrolls sideways. Everything else works
 * without it.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  function sortKey(cell) {
    var key = cell.getAttribute('data-sort');
    return key !== null ? key : cell.textContent.trim();
  }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = sortKey(a.cells[column]).localeCompare(sortKey(b.cells[column]), undefined, { numeric: true, sensitivity: 'base' });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        var status = document.getElementById(table.getAttribute('data-status'));
        if (status) status.textContent = 'Sorted by ' + button.textContent.trim() + (ascending ? ', ascending' : ', descending');
      });
    });
  });
  // A table wider than its frame says so: a shadow on each side that has more columns, and a line of text.
  var frames = document.querySelectorAll('.scroll-frame');
  function cue(frame) {
    var scroller = frame.querySelector('.scroll');
    if (!scroller) return;
    var room = scroller.scrollWidth - scroller.clientWidth;
    frame.classList.toggle('more-left', room > 1 && scroller.scrollLeft > 1);
    frame.classList.toggle('more-right', room > 1 && scroller.scrollLeft < room - 1);
  }
  Array.prototype.forEach.call(frames, function (frame) {
    var scroller = frame.querySelector('.scroll');
    if (scroller) scroller.addEventListener('scroll', function () { cue(frame); }, { passive: true });
    cue(frame);
  });
  window.addEventListener('resize', function () { Array.prototype.forEach.call(frames, cue); });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var item = document.activeElement && document.activeElement.closest('.grid li');
    if (item) item.classList.add('dismissed');
  });
  document.addEventListener('focusout', function (event) {
    var item = event.target.closest && event.target.closest('.grid li');
    if (item) item.classList.remove('dismissed');
  });
})();
`;
