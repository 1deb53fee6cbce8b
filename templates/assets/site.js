/* plansite: draws the page's charts from the option JSON placed beside each
 * chart element. Sets <html data-charts="ready"> once every chart has
 * finished drawing, or "error" when one could not be drawn, so that a
 * printer can wait for it. No network, no inline code. */
(function () {
  'use strict';
  var root = document.documentElement;
  var charts = [];

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
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      // 'finished' fires once the chart is drawn, animations included.
      chart.on('finished', function () { settle(true); });
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

  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
