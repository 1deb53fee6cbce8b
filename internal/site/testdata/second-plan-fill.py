#!/usr/bin/python3
"""Fills the blank workbooks of the second plan (testdata/second-plan) the way
the units would, with openpyxl, as Excel users type them: blank templates made
by `plansite template --content testdata/second-plan --all --month M --dir
BLANK/M` for M = 2025-04 … 2025-07, filled into testdata/second-plan/inbox/M.

    python3 second-plan-fill.py BLANK testdata/second-plan/inbox

The figures are those TestSecondPlan expects; change both together."""
import datetime, os, shutil, sys
import openpyxl

blank, inbox = sys.argv[1], sys.argv[2]

# unit -> month -> (填报日期, {task: (进度, 状态, 进展, 问题, 计划)}, {target: value},
#                   {problem: (状态, 进度, 措施, 完成整改时间)}, {indicator: (准备程度, 说明)})
D = datetime.date
R = {}

def put(unit, month, day, tasks=None, targets=None, problems=None, indicators=None):
    R.setdefault(unit, {})[month] = (D(int(month[:4]), int(month[5:]), day) if day else None,
                                     tasks or {}, targets or {}, problems or {}, indicators or {})

T = lambda p, s, a, b='无', c='': (p, s, a, b, c)

# 医疗保障服务中心: leads 1.1 1.2 1.3 1.5, cooperates on 1.4 2.1 3.2 3.3; YB-01; P01 P02.
put('医疗保障服务中心', '2025-04', 15,
    {'1.1': T(15, '推进中', '制定服务站点建设方案，确定首批12个村（社区）服务点。', '部分村（社区）场地不足。', '完成首批服务点挂牌。'),
     '1.2': T(20, '推进中', '梳理可直接结算的定点医药机构名单。', '无', '新增2家跨省联网定点医院。'),
     '1.3': T(25, '推进中', '制定“一窗通办”窗口整合方案。', '无', '完成窗口改造。'),
     '1.5': T(40, '推进中', '梳理经办事项清单，精简材料8项。', '无', '修订办事指南。'),
     '1.4': T(10, '推进中', '在大厅设置电子凭证激活引导岗。'),
     '3.3': T(10, '推进中', '开展门诊共济政策培训。')},
    {'1.1-1': 12, '1.2-1': '60%', '1.5-1': 8},
    {'YB-01': ('整改中', 30, '制定整改方案，梳理备案材料。', None)},
    {'P01': (20, '收集佐证材料。'), 'P02': (15, '对照评价题目梳理。')})
put('医疗保障服务中心', '2025-05', 16,
    {'1.1': T(35, '推进中', '新建服务点13个，累计25个。', '无', '开展经办人员培训。'),
     '1.2': T(40, '推进中', '新增跨省联网定点医院2家。', '无', '推行备案“免申即享”。'),
     '1.3': T(50, '推进中', '完成综合窗口改造。', '无', '试运行综合受理。'),
     '1.5': T(70, '推进中', '修订并公布办事指南。', '无', '压缩慢特病认定时限。'),
     '1.4': T(25, '推进中', '协助激活电子凭证1.2万人。'),
     '2.1': T(20, '推进中', '提供结算数据供筛查。')},
    {'1.1-1': 25, '1.2-1': 64, '1.5-1': 7},
    {'YB-01': ('整改中', 60, '异地就医备案实现网上办、掌上办。', None)},
    {'P01': (35, '佐证材料已收集过半。'), 'P02': (30, '')})
put('医疗保障服务中心', '2025-06', 13,
    {'1.1': T(55, '推进中', '新建服务点13个，累计38个。', '无', '继续推进站点建设。'),
     '1.2': T(60, '推进中', '备案“免申即享”上线。', '无', '提高结算率。'),
     '1.3': T(80, '推进中', '综合窗口试运行，日均受理120件。'),
     '1.5': T(100, '已完成', '慢特病待遇认定时限压缩至5个工作日，任务完成。'),
     '3.2': T(40, '推进中', '“一站式”结算系统联调。')},
    {'1.1-1': 38, '1.2-1': 68, '1.5-1': 5},
    {'YB-01': ('已整改', 100, '乡镇工作站均可办理备案。', D(2025, 6, 18))},
    {'P01': (50, '材料基本齐全。'), 'P02': (40, '')})
put('医疗保障服务中心', '2025-07', 16,
    {'1.1': T(70, '推进中', '新建服务点9个，累计47个。', '偏远村服务点人员不足。', '开展服务点督导。'),
     '1.2': T(70, '推进中', '住院费用跨省直接结算率71%。'),
     '1.3': T(100, '已完成', '“一窗通办”正式运行。'),
     '1.5': T(100, '已完成', '巩固成果。')},
    {'1.1-1': 47, '1.2-1': 71, '1.5-1': 5},
    {'YB-01': ('已销号', 100, '已销号。', D(2025, 6, 18))},
    {'P01': (60, '正在对照题目查漏补缺。'), 'P02': (55, '')})

# 医药服务管理股: leads 1.4 2.3 3.1, cooperates on 1.2 2.1; P02 P03.
for m, d, p14, p23, p31, tg, p02, p03 in [('2025-04', 16, 10, 10, 40, 21000, 10, 20), ('2025-05', 19, 25, 30, 70, 35000, 25, 30),
                                          ('2025-06', 17, 45, 50, 100, 52000, 35, 45), ('2025-07', 19, 60, 65, 100, '6.1万', 45, 60)]:
    put('医药服务管理股', m, d,
        {'1.4': T(p14, '推进中', '推动定点药店开通电子凭证扫码购药。'),
         '2.3': T(p23, '推进中', '开展定点医药机构协议履行情况检查。'),
         '3.1': T(p31, '已完成' if p31 == 100 else '推进中', '做好定点医药机构参保宣传。')},
        {'1.4-1': tg}, None, {'P02': (p02, ''), 'P03': (p03, '')})

# 基金监管股: leads 2.1 2.2 2.4 3.1, cooperates on 2.3; YB-03 YB-04; P04 P05.
for m, d, p21, p22, p24, p31, tg, y3, y4 in [
        ('2025-04', 20, 10, 15, 30, 40, 5, ('整改中', 20, '制定检查计划。', None), ('整改中', 30, '梳理应公开事项。', None)),
        ('2025-05', 18, 30, 35, 60, 70, 14, ('整改中', 40, '检查定点机构14家。', None), ('整改中', 60, '建立信息公开台账。', None)),
        ('2025-06', 19, 50, 55, 85, 100, 26, ('整改中', 55, '检查定点机构26家。', None), ('整改中', 80, '补充公开处罚结果6件。', None)),
        ('2025-07', 20, 65, 70, 100, 100, 35, ('整改中', 70, '检查定点机构35家。', None), ('已整改', 100, '处罚结果全部公开。', D(2025, 7, 15)))]:
    put('基金监管股', m, d,
        {'2.1': T(p21, '推进中', '开展重点领域专项检查。'),
         '2.2': T(p22, '推进中', '智能监管系统规则库更新。'),
         '2.4': T(p24, '已完成' if p24 == 100 else '推进中', '社会监督员聘任工作。'),
         '3.1': T(p31, '已完成' if p31 == 100 else '推进中', '参保缴费宣传。'),
         '2.3': T(p21, '推进中', '配合开展协议考核。')},
        {'2.1-1': tg}, {'YB-03': y3, 'YB-04': y4},
        {'P04': (30 + 10 * int(m[5:]) - 40, ''), 'P05': (10 * int(m[5:]) - 30, '')})

# 办公室: leads 2.4 3.1; YB-04; P05 P06 (P06 from May).
for m, d, p24, p31, y4, p05, p06 in [('2025-04', 18, 20, 40, ('整改中', 20, '', None), 20, None),
                                     ('2025-05', 20, 40, 70, ('整改中', 50, '', None), 30, 40),
                                     ('2025-06', 20, 70, 100, ('整改中', 70, '', None), 40, 50),
                                     ('2025-07', 23, 90, 100, ('整改中', 80, '网站信息公开栏目改版。', None), 50, 60)]:
    ind = {'P05': (p05, '')}
    if p06:
        ind['P06'] = (p06, '举报奖励制度已印发。')
    put('办公室', m, d,
        {'2.4': T(p24, '推进中', '监督员聘任。'), '3.1': T(p31, '已完成' if p31 == 100 else '推进中', '参保宣传。')},
        None, {'YB-04': y4}, ind)

# 待遇保障股: leads 3.1 3.2 3.3, cooperates on 1.5; reports the 参保率.
for m, d, p31, p32, p33, rate in [('2025-04', 17, 40, 15, 10, 91), ('2025-05', 15, 70, 30, 30, 93),
                                  ('2025-06', 18, 100, 45, 50, '95.6%'), ('2025-07', 18, 100, 55, 65, 96)]:
    put('待遇保障股', m, d,
        {'3.1': T(p31, '已完成' if p31 == 100 else '推进中', '集中参保缴费。'),
         '3.2': T(p32, '推进中', '医疗救助对象信息比对。'),
         '3.3': T(p33, '推进中', '个人账户家庭共济备案。'),
         '1.5': T(50, '推进中', '配合梳理待遇认定材料。')},
        {'3.1-1': rate})

# The three 医保工作站: cooperate on 1.1 1.2 1.4 3.1 3.2; YB-02 (due 2025-05-31).
for unit, months in {
        '城关镇医保工作站': [('2025-04', 19, ('整改中', 50, '', None)), ('2025-05', 16, ('已整改', 100, '', D(2025, 5, 20))),
                        ('2025-06', 16, ('已销号', 100, '', D(2025, 5, 20)))],
        '河口镇医保工作站': [('2025-04', 21, ('整改中', 40, '', None)), ('2025-05', 20, ('已整改', 100, '', D(2025, 5, 28))),
                        ('2025-07', 18, ('已销号', 100, '', D(2025, 5, 28)))],
        '石门乡医保工作站': [('2025-05', 20, ('整改中', 60, '', None)), ('2025-06', 19, ('已整改', 100, '', D(2025, 6, 10)))]}.items():
    for m, d, y2 in months:
        put(unit, m, d, {'1.1': T(10 * int(m[5:]) - 20, '推进中', '村级服务点选址。')}, None, {'YB-02': y2})


def header(ws, labels):
    for row in ws.iter_rows(min_row=1, max_row=10):
        cols = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if labels[0] in cols:
            return row[0].row, cols
    raise SystemExit(f'{ws.title}: no header {labels[0]}')


def fill_rows(ws, idlabel, values, labels):
    hr, cols = header(ws, [idlabel])
    for r in range(hr + 1, ws.max_row + 1):
        key = ws.cell(r, cols[idlabel]).value
        if key in values:
            for label, v in zip(labels, values[key]):
                if v not in (None, ''):
                    ws.cell(r, cols[label]).value = v


for unit, months in R.items():
    for m, (day, tasks, targets, problems, indicators) in months.items():
        name = f'{m}_{unit}.xlsx'
        wb = openpyxl.load_workbook(os.path.join(blank, m, name))
        info = wb['基本信息']
        for row in info.iter_rows():
            for c in row:
                if c.value == '填报人':
                    info.cell(c.row, c.column + 1).value = '张敏'
                elif c.value == '联系电话':
                    info.cell(c.row, c.column + 1).value = '0710-6212345'
                elif c.value == '填报日期' and day:
                    info.cell(c.row, c.column + 1).value = datetime.datetime(day.year, day.month, day.day)
        if tasks:
            fill_rows(wb['重点任务'], '任务编号', tasks, ['完成进度(%)', '推进状态', '本月工作进展', '存在问题', '下月工作计划'])
        if targets:
            fill_rows(wb['量化指标'], '指标编号', {k: (v,) for k, v in targets.items()}, ['累计完成值'])
        if problems:
            fill_rows(wb['问题整改'], '问题编号', problems, ['整改状态', '整改进度(%)', '整改措施', '完成整改时间'])
        if indicators:
            fill_rows(wb['评价准备'], '评价指标编号', indicators, ['准备程度(%)', '情况说明'])
        os.makedirs(os.path.join(inbox, m), exist_ok=True)
        wb.save(os.path.join(inbox, m, name))

# 石门乡医保工作站 hands in July's template as it got it: nothing filled in (无效报送).
shutil.copy(os.path.join(blank, '2025-07', '2025-07_石门乡医保工作站.xlsx'), os.path.join(inbox, '2025-07'))
