/* plansite: the search box of every page, and the filters of the task list.
 * The index (search/*.js, made by internal/search) is loaded only when the
 * box is used, a <script> element at a time, so that it works from file://
 * with no fetch; texts are shown with textContent, never as HTML. Without
 * script the box stays hidden and the task list shows every task. */
(function () {
  'use strict';

  // normalize and hash are those of internal/search (Normalize, Hash).
  function codePoints(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
          out.push({ c: (c - 0xD800) * 0x400 + d - 0xDC00 + 0x10000, at: i, end: i + 2 });
          i++;
          continue;
        }
      }
      out.push({ c: c, at: i, end: i + 1 });
    }
    return out;
  }

  // normalize returns the kept code points of s, each with where it is in s.
  function normalize(s) {
    var out = [];
    codePoints(s || '').forEach(function (p) {
      var c = p.c;
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      if (c <= 0x20 || c === 0x7F || c === 0xA0 || c === 0x3000 || c === 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c === 0x2028 || c === 0x2029) return;
      if (c >= 65 && c <= 90) c += 32;
      out.push({ c: c, at: p.at, end: p.end });
    });
    return out;
  }

  function key(ps) {
    return ps.map(function (p) { return p.c; }).join(',');
  }

  // imul is 32-bit multiplication (Math.imul where the browser has it).
  var imul = Math.imul || function (a, b) {
    var lo = (a & 0xFFFF) * b;
    var hi = (((a >>> 16) * b) & 0xFFFF) << 16;
    return (lo + hi) | 0;
  };

  function hash(cs) {
    var h = 2166136261;
    for (var i = 0; i < cs.length; i++) {
      h = imul(h ^ cs[i], 16777619) >>> 0;
    }
    return h;
  }

  function bigramText(a, b) {
    return String.fromCodePoint ? String.fromCodePoint(a, b) : String.fromCharCode(a, b);
  }

  // find returns where the normalized query q (code points) is in text s:
  // {from, to} in s's code units, or null.
  function find(s, q) {
    var ps = normalize(s);
    outer:
    for (var i = 0; i + q.length <= ps.length; i++) {
      for (var j = 0; j < q.length; j++) {
        if (ps[i + j].c !== q[j]) continue outer;
      }
      return { from: ps[i].at, to: ps[i + q.length - 1].end };
    }
    return null;
  }

  // decode reads the document numbers encodeIDs writes.
  var ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  function decode(s) {
    var out = [], prev = -1, v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = ALPHABET.indexOf(s.charAt(i));
      if (d >= 32) {
        v = v * 32 + d - 32;
        continue;
      }
      v = v * 32 + d;
      prev += v;
      out.push(prev);
      v = 0;
    }
    return out;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  var form = document.querySelector('form.site-search');
  var root = form ? form.getAttribute('data-root') || '' : '';

  // The index files: each calls plansiteSearch.manifest or .add when run.
  var files = {}, waiting = {};
  function arrived(name, data) {
    files[name] = data;
    var cbs = waiting[name] || [];
    delete waiting[name];
    cbs.forEach(function (cb) { cb(null, data); });
  }
  window.plansiteSearch = {
    manifest: function (data) { arrived('index', data); },
    add: function (name, data) { arrived(name, data); },
    // For the tests: s normalized, and its hash, as the index has them.
    key: function (s) {
      var cs = normalize(s).map(function (p) { return p.c; });
      return { text: cs.map(function (c) { return String.fromCodePoint ? String.fromCodePoint(c) : String.fromCharCode(c); }).join(''), hash: hash(cs) };
    }
  };
  function load(name, cb) {
    if (Object.prototype.hasOwnProperty.call(files, name)) return cb(null, files[name]);
    if (waiting[name]) { waiting[name].push(cb); return; }
    waiting[name] = [cb];
    var s = document.createElement('script');
    s.src = root + 'search/' + name + '.js';
    s.onerror = function () {
      var cbs = waiting[name] || [];
      delete waiting[name];
      cbs.forEach(function (f) { f(new Error(name)); });
    };
    document.head.appendChild(s);
  }
  function loadAll(names, cb) {
    var left = names.length, failed = null, out = {};
    if (!left) return cb(null, out);
    names.forEach(function (n) {
      load(n, function (err, data) {
        if (err) failed = err;
        out[n] = data;
        if (--left === 0) cb(failed, out);
      });
    });
  }

  var FIELDS = [['本月工作进展', '存在问题', '下月工作计划'], ['整改措施'], ['情况说明']];
  var LIMIT = 60;

  function monthLabel(m) {
    return m.slice(0, 4) + '年' + parseInt(m.slice(5), 10) + '月';
  }

  // search runs query q and calls show(results, note) as results come in.
  function search(q, show) {
    var nq = normalize(q).map(function (p) { return p.c; });
    if (nq.length < 2) return show([], '请至少输入两个字。');
    load('index', function (err, man) {
      if (err || !man || man.v !== 1) return show([], '搜索索引未能载入，请重新生成网站。');
      var t = man.tables, results = [];
      function has() {
        for (var i = 0; i < arguments.length; i++) {
          if (arguments[i] && find(arguments[i], nq)) return true;
        }
        return false;
      }
      (t.tasks || []).forEach(function (x) {
        if (has(x[0] + ' ' + x[1], x[3])) results.push({ tag: '任务', title: x[0] + ' ' + x[1], href: root + 'tasks/' + x[2] + '/index.html', meta: x[3] });
      });
      (t.units || []).forEach(function (x) {
        if (has(x[0], x[2], x[3])) results.push({ tag: '单位', title: x[0], href: root + 'units/' + x[1] + '/index.html', meta: [x[3], x[2] ? '又称' + x[2] : ''].filter(Boolean).join(' · ') });
      });
      (t.problems || []).forEach(function (x) {
        if (has(x[0] + ' ' + x[1])) results.push({ tag: '整改问题', title: x[0] + ' ' + x[1], href: root + 'rectification/index.html#' + x[2] });
      });
      (t.indicators || []).forEach(function (x) {
        if (has(x[0] + ' ' + x[1])) results.push({ tag: '评价指标', title: x[0] + ' ' + x[1], href: root + 'cycle/index.html#' + x[2] });
      });
      var named = results.length;
      show(results, '正在查找各单位报送的内容……');

      // The bigrams of the query, and each segment's documents having all.
      var grams = [], seenGram = {};
      for (var i = 0; i + 1 < nq.length; i++) {
        var g = bigramText(nq[i], nq[i + 1]);
        if (!seenGram[g]) { seenGram[g] = true; grams.push({ text: g, h: hash([nq[i], nq[i + 1]]) }); }
      }
      var segs = man.segments || [], names = [];
      segs.forEach(function (s) {
        grams.forEach(function (g) { names.push(s.k + '-i' + (g.h % s.b)); });
      });
      loadAll(names, function (err2, buckets) {
        if (err2) return show(results, '搜索索引不完整，请重新生成网站。');
        var candidates = [];
        segs.forEach(function (s) {
          var ids = null;
          grams.forEach(function (g) {
            var p = buckets[s.k + '-i' + (g.h % s.b)][g.text];
            var list = p ? decode(p) : [];
            ids = ids === null ? list : intersect(ids, list);
          });
          (ids || []).forEach(function (id) { candidates.push({ seg: s, id: id }); });
        });
        var exact = grams.length === 1, limit = LIMIT, k = 0;
        // Check the candidates in order (newest month first), loading
        // their chunks, until LIMIT more texts are shown.
        function more() {
          limit = results.length - named + LIMIT;
          next();
        }
        function next() {
          if (k >= candidates.length || results.length - named >= limit) {
            var left = k < candidates.length;
            var total = exact ? named + candidates.length : results.length;
            return show(results, results.length === 0 ? '没有找到“' + q + '”。' :
              (left ? '找到' + (exact ? ' ' + total + ' 条，显示前 ' + results.length + ' 条' : ' ' + results.length + ' 条以上') + '。' : '找到 ' + results.length + ' 条。'), left ? more : null);
          }
          var c = candidates[k], s = c.seg, chunk = 0;
          while (chunk + 1 < s.d.length && s.d[chunk + 1] <= c.id) chunk++;
          load(s.k + '-d' + chunk, function (err3, docs) {
            if (err3) return show(results, '搜索索引不完整，请重新生成网站。');
            k++;
            var doc = docs[c.id - s.d[chunk]];
            if (doc) {
              for (var f = 3; f < doc.length; f++) {
                var at = find(doc[f], nq);
                if (!at) continue;
                results.push(textResult(t, s.m, doc, f - 3, at));
                break;
              }
            }
            next();
          });
        }
        next();
      });
    });
  }

  function textResult(t, month, doc, field, at) {
    var kind = doc[0], item = doc[1], unit = t.units[doc[2]];
    var r = { tag: (FIELDS[kind] || [])[field] || '', meta: (unit ? unit[0] + ' · ' : '') + monthLabel(month), text: doc[field + 3], at: at };
    var x;
    if (kind === 0 && (x = t.tasks[item])) {
      r.title = x[0] + ' ' + x[1];
      r.href = root + 'tasks/' + x[2] + '/index.html#m-' + month;
    } else if (kind === 1 && (x = t.problems[item])) {
      r.title = x[0] + ' ' + x[1];
      r.href = root + 'rectification/index.html#' + x[2];
    } else if (kind === 2 && (x = t.indicators[item])) {
      r.title = x[0] + ' ' + x[1];
      r.href = root + 'cycle/index.html#' + x[2];
    }
    return r;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // snippet is the text around the match, the match marked.
  function snippet(text, at) {
    var p = el('p', 'search-snippet');
    var from = Math.max(0, at.from - 40), to = Math.min(text.length, at.to + 60);
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at.from)));
    p.appendChild(el('mark', '', text.slice(at.from, at.to)));
    p.appendChild(document.createTextNode(text.slice(at.to, to) + (to < text.length ? '…' : '')));
    return p;
  }

  function setupBox() {
    if (!form) return;
    var input = form.querySelector('input');
    var panel = document.getElementById('search-results');
    var note = el('p', 'search-note');
    note.setAttribute('role', 'status');
    var list = el('ol', 'search-list');
    var close = el('button', 'search-close', '关闭');
    close.type = 'button';
    var moreButton = el('button', 'search-more', '再显示 ' + LIMIT + ' 条');
    moreButton.type = 'button';
    moreButton.hidden = true;
    var more = null;
    moreButton.addEventListener('click', function () {
      if (more) {
        moreButton.hidden = true;
        note.textContent = '正在查找各单位报送的内容……';
        more();
      }
    });
    panel.appendChild(close);
    panel.appendChild(note);
    panel.appendChild(list);
    panel.appendChild(moreButton);
    form.hidden = false;
    var run = 0, timer = null;
    function go() {
      var q = input.value.trim(), mine = ++run;
      if (!q) { panel.hidden = true; return; }
      panel.hidden = false;
      moreButton.hidden = true;
      search(q, function (results, msg, next) {
        if (mine !== run) return; // a newer query runs
        note.textContent = msg;
        more = next || null;
        moreButton.hidden = !more;
        while (list.firstChild) list.removeChild(list.firstChild);
        results.forEach(function (r) {
          var li = el('li', 'search-item');
          var h = el('p', 'search-title');
          h.appendChild(el('span', 'tag', r.tag));
          h.appendChild(document.createTextNode(' '));
          var a = el('a', '', r.title || '');
          a.href = r.href || '#';
          h.appendChild(a);
          li.appendChild(h);
          if (r.meta) li.appendChild(el('p', 'search-meta muted', r.meta));
          if (r.text) li.appendChild(snippet(r.text, r.at));
          list.appendChild(li);
        });
      });
    }
    input.addEventListener('focus', function () { load('index', function () {}); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(go, 250);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      go();
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { input.value = ''; panel.hidden = true; }
    });
    close.addEventListener('click', function () { panel.hidden = true; input.focus(); });
  }

  // A link to a month of a task page (…#m-2023-05) opens that month's
  // folded texts.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    for (var e = t; e; e = e.parentElement) {
      if (e.tagName === 'DETAILS') e.open = true;
    }
    if (t && t.scrollIntoView) t.scrollIntoView();
  }

  // The filters of the task list: by unit (and its role), status,
  // category, 本月未报 and 预计逾期, on the rows' data attributes.
  function setupFilters() {
    var f = document.getElementById('task-filters');
    if (!f) return;
    var table = document.querySelector('#' + f.getAttribute('data-table') + ' table');
    var count = document.getElementById('task-filter-count');
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function val(name) { var x = f.elements[name]; return x ? (x.type === 'checkbox' ? x.checked : x.value) : ''; }
    function apply() {
      var unit = val('unit'), role = val('role'), status = val('status'), cat = val('category');
      var unrep = val('unreported'), risk = val('risk'), shown = 0;
      rows.forEach(function (r) {
        var leads = (r.getAttribute('data-leads') || '').split(' ');
        var coops = (r.getAttribute('data-coops') || '').split(' ');
        var ok = true;
        if (unit) {
          var lead = leads.indexOf(unit) >= 0, coop = coops.indexOf(unit) >= 0;
          ok = role === 'lead' ? lead : role === 'coop' ? coop : lead || coop;
        }
        if (ok && status) ok = r.getAttribute('data-status') === status;
        if (ok && cat) ok = r.getAttribute('data-category') === cat;
        if (ok && unrep) ok = r.hasAttribute('data-unreported');
        if (ok && risk) ok = r.hasAttribute('data-risk');
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = '显示 ' + shown + ' / ' + rows.length + ' 项';
    }
    f.hidden = false;
    f.addEventListener('change', apply);
    f.addEventListener('reset', function () { setTimeout(apply, 0); });
    f.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
    // tasks/index.html#unit=jyzx opens the list filtered by that unit.
    var m = /(?:^#|&)unit=([a-z0-9_-]+)/.exec(location.hash);
    if (m && f.elements.unit) f.elements.unit.value = m[1];
    apply();
  }

  // A table or a block of code that scrolls sideways in its box (on a
  // phone) can be reached and scrolled with the keyboard.
  function scrollers() {
    Array.prototype.forEach.call(document.querySelectorAll('table.data, .prose table, .prose pre'), function (t) {
      var scrolls = getComputedStyle(t).overflowX === 'auto' && t.scrollWidth > t.clientWidth + 1;
      if (scrolls) t.setAttribute('tabindex', '0');
      else if (t.getAttribute('tabindex') === '0') t.removeAttribute('tabindex');
    });
  }

  function start() {
    setupBox();
    setupFilters();
    openTarget();
    scrollers();
    window.addEventListener('hashchange', openTarget);
    window.addEventListener('resize', scrollers);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
