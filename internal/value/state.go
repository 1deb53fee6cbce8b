package value

import (
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/domain"
)

// TaskStateHint says, in Chinese, what to write as a task's 推进状态.
const TaskStateHint = "请从下拉列表中选择：未启动、推进中、已完成、滞后"

// RectStateHint says, in Chinese, what to write as a problem's 整改状态.
const RectStateHint = "请从下拉列表中选择：未整改、整改中、已整改、已销号"

// taskStates maps the NameKey of each accepted word to its task state.
var taskStates = stateWords(map[domain.TaskState][]string{
	domain.TaskNotStarted: {"未启动", "未开始", "尚未启动", "未开展"},
	domain.TaskInProgress: {"推进中", "进行中", "正在推进", "推进", "实施中", "正常推进", "已启动", "在建", "持续推进"},
	domain.TaskDone:       {"已完成", "完成", "已办结", "办结", "已完结", "全部完成", "已结束", "已落实"},
	domain.TaskLagging:    {"滞后", "进度滞后", "推进滞后", "延期", "滞后推进", "落后"},
})

// rectStates maps the NameKey of each accepted word to its rectification
// state.
var rectStates = stateWords(map[domain.RectState][]string{
	domain.RectNotStarted: {"未整改", "未开始", "尚未整改"},
	domain.RectInProgress: {"整改中", "正在整改", "推进中", "进行中"},
	domain.RectDone:       {"已整改", "整改完成", "已完成", "完成"},
	domain.RectClosed:     {"已销号", "销号"},
})

// stateWords inverts a state → words table into a NameKey → state lookup,
// panicking when one word stands for two states (a programming error).
func stateWords[S ~string](words map[S][]string) map[string]S {
	out := make(map[string]S)
	for state, ws := range words {
		for _, w := range ws {
			k := domain.NameKey(w)
			if old, ok := out[k]; ok && old != state {
				panic("value: state word " + w + " stands for two states")
			}
			out[k] = state
		}
	}
	return out
}

// ParseTaskState reads a task's 推进状态: 未启动, 推进中, 已完成 or 滞后, or an
// obvious synonym (未开始, 进行中, 完成, 已办结, 进度滞后, 延期, …). Words are
// compared with spaces removed and width folded. It returns ErrEmpty for a
// blank value and a Chinese error naming the value for any other word.
func ParseTaskState(s string) (domain.TaskState, error) {
	k := domain.NameKey(s)
	if k == "" {
		return "", ErrEmpty
	}
	if st, ok := taskStates[k]; ok {
		return st, nil
	}
	return "", fmt.Errorf("无法识别的推进状态“%s”", strings.TrimSpace(domain.FoldWidth(s)))
}

// ParseRectState reads a prior-year problem's 整改状态: 未整改, 整改中, 已整改
// or 已销号, or a synonym (未开始, 正在整改, 整改完成, 已完成, 销号, …). Words are
// compared with spaces removed and width folded. It returns ErrEmpty for a
// blank value and a Chinese error naming the value for any other word.
func ParseRectState(s string) (domain.RectState, error) {
	k := domain.NameKey(s)
	if k == "" {
		return "", ErrEmpty
	}
	if st, ok := rectStates[k]; ok {
		return st, nil
	}
	return "", fmt.Errorf("无法识别的整改状态“%s”", strings.TrimSpace(domain.FoldWidth(s)))
}
