/* plansite: draws the page's charts from the option JSON placed beside each
 * chart element. Sets <html data-charts="ready"> once every chart has
 * finished drawing, or "error" when one could not be drawn, so that a
 * printer can wait for it. No network, no inline code. */
(function () {
  'use strict';
  var root = document.documentElement;
  var charts = [];
  var printMedia = window.matchMedia ? window.matchMedia('print') : { matches: false };

  // viewBox gives a drawn chart's SVG its own coordinates, so that print
  // CSS can scale it to the width of the page.
  function viewBox(el) {
    var svg = el.querySelector('svg');
    if (svg && svg.getAttribute('width')) {
      svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
      svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    }
  }

  function fail(el, msg) {
    var p = document.createElement('p');
    p.className = 'chart-error';
    p.textContent = msg;
    el.parentNode.replaceChild(p, el);
  }

  function draw() {
    var els = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
    var pending = els.length;
    var failed = false;
    function done(ok) {
      if (!ok) failed = true;
      pending -= 1;
      if (pending === 0) root.setAttribute('data-charts', failed ? 'error' : 'ready');
    }
    if (pending === 0) {
      root.setAttribute('data-charts', 'ready');
      return;
    }
    if (!window.echarts) {
      els.forEach(function (el) { fail(el, '图表脚本未能加载，请查看下方表格中的数字。'); });
      if (window.console) console.error('plansite: ECharts did not load');
      root.setAttribute('data-charts', 'error');
      return;
    }
    els.forEach(function (el) { drawOne(el, done); });
  }

  // drawOne draws the chart of el and calls done exactly once: with true
  // when ECharts has finished drawing it, with false when it cannot.
  function drawOne(el, done) {
    var settled = false;
    function settle(ok) {
      if (!settled) {
        settled = true;
        done(ok);
      }
    }
    try {
      var src = document.getElementById(el.getAttribute('data-chart'));
      var option = JSON.parse(src.textContent);
      if (printMedia.matches) option.animation = false;
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      // 'finished' fires once the chart is drawn, animations included.
      chart.on('finished', function () {
        viewBox(el);
        settle(true);
      });
      chart.setOption(option);
      // ECharts drops a series of a type it does not know without a word;
      // say so, so that a broken option never passes for a drawn chart.
      var given = [].concat(option.series || []).length;
      var drawn = chart.getModel().getSeriesCount();
      if (drawn !== given) {
        throw new Error('chart ' + el.id + ': ' + given + ' series given, ' + drawn + ' drawn');
      }
      charts.push(chart);
    } catch (e) {
      if (window.console) console.error(e);
      fail(el, '图表无法绘制，请查看下方表格中的数字。');
      settle(false);
    }
  }

  function resize() {
    charts.forEach(function (c) { c.resize(); });
  }

  // Before printing: every folded text open, every chart redrawn at once
  // (no animation) at its printed width.
  function forPrint() {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
    charts.forEach(function (c) {
      c.setOption({ animation: false });
      c.resize();
      c.getZr().flush();
      viewBox(c.getDom());
    });
  }

  // The printing date of a report is the day it is opened or printed (the
  // page itself holds only the dates of its data).
  function printDates() {
    var d = new Date();
    var text = '打印日期 ' + d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
    Array.prototype.forEach.call(document.querySelectorAll('.print-date'), function (el) {
      var date = document.createElement('span');
      date.className = 'phrase';
      date.textContent = text;
      el.textContent = ' · ';
      el.appendChild(date);
    });
  }

  // Sortable tables: a button in a header cell sorts the rows by the
  // data-value (or text) of that column; numbers when data-sort="num".
  function sortable(table) {
    var buttons = table.querySelectorAll('thead button[data-sort]');
    Array.prototype.forEach.call(buttons, function (btn) {
      btn.addEventListener('click', function () {
        var th = btn.parentNode;
        var col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var asc = btn.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(buttons, function (b) { b.removeAttribute('aria-sort'); });
        btn.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var num = btn.getAttribute('data-sort') === 'num';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
          return num ? parseFloat(v) : v;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = num ? x - y : String(x).localeCompare(String(y), 'zh-CN', { numeric: true });
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  // Copy buttons: copy the text of the element named by data-copy. Under
  // file:// the clipboard API may be refused; the text is then selected
  // for Ctrl+C.
  function copyButton(btn) {
    btn.addEventListener('click', function () {
      var el = document.getElementById(btn.getAttribute('data-copy'));
      el.focus();
      el.select();
      var done = function () { btn.textContent = '已复制'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(el.value).then(done, function () { document.execCommand('copy'); done(); });
      } else {
        document.execCommand('copy');
        done();
      }
    });
  }

  function controls() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), copyButton);
  }

  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', forPrint);
  if (printMedia.addEventListener) {
    printMedia.addEventListener('change', function (e) { if (e.matches) forPrint(); });
  }
  function start() {
    controls();
    printDates();
    if (printMedia.matches) {
      Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
    }
    draw();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
