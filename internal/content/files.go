package content

// The files of a content folder, as decoded from YAML. Each field's yaml
// tag is the key written in the file.

type siteFile struct {
	Title            text           `yaml:"title"`
	Organisation     text           `yaml:"organisation"`
	Coordinator      text           `yaml:"coordinator"`
	SubmitTo         text           `yaml:"submit_to"`
	PlanDate         text           `yaml:"plan_date"`
	DueDay           *int           `yaml:"due_day"`
	CycleStartMonth  *int           `yaml:"cycle_start_month"`
	FirstReportMonth text           `yaml:"first_report_month"`
	LastReportMonth  text           `yaml:"last_report_month"`
	Inbox            text           `yaml:"inbox"`
	Tolerances       tolerances     `yaml:"tolerances"`
	Areas            texts          `yaml:"areas"`
	Categories       []item[catDef] `yaml:"categories"`
	ExpectedUnits    texts          `yaml:"expected_units"`
	Ranking          text           `yaml:"ranking"`
}

type tolerances struct {
	LaggingPoints text `yaml:"lagging_points"`
	DueSoonDays   *int `yaml:"due_soon_days"`
}

type catDef struct {
	Name    text `yaml:"name"`
	Heading text `yaml:"heading"`
	Intro   text `yaml:"intro"`
}

type unitsFile struct {
	Units  []item[unitDef]  `yaml:"units"`
	Groups []item[groupDef] `yaml:"groups"`
}

type unitDef struct {
	ID      text  `yaml:"id"`
	Name    text  `yaml:"name"`
	Kind    text  `yaml:"kind"`
	Aliases texts `yaml:"aliases"`
}

type groupDef struct {
	Name    text  `yaml:"name"`
	Aliases texts `yaml:"aliases"`
	Members texts `yaml:"members"`
}

type taskFront struct {
	ID          text              `yaml:"id"`
	Slug        text              `yaml:"slug"`
	Category    text              `yaml:"category"`
	Title       text              `yaml:"title"`
	Leads       texts             `yaml:"leads"`
	Cooperators texts             `yaml:"cooperators"`
	Deadline    text              `yaml:"deadline"`
	Targets     []item[targetDef] `yaml:"targets"`
}

type targetDef struct {
	ID        text `yaml:"id"`
	Name      text `yaml:"name"`
	Unit      text `yaml:"unit"`
	Value     text `yaml:"value"`
	Direction text `yaml:"direction"`
}

type problemsFile struct {
	Problems []item[problemDef] `yaml:"problems"`
}

type problemDef struct {
	ID          text  `yaml:"id"`
	Area        text  `yaml:"area"`
	Title       text  `yaml:"title"`
	Description text  `yaml:"description"`
	Units       texts `yaml:"units"`
	Deadline    text  `yaml:"deadline"`
	Example     bool  `yaml:"example"`
}

type indicatorsFile struct {
	Indicators []item[indicatorDef] `yaml:"indicators"`
}

type indicatorDef struct {
	ID      text  `yaml:"id"`
	Area    text  `yaml:"area"`
	Title   text  `yaml:"title"`
	Units   texts `yaml:"units"`
	Example bool  `yaml:"example"`
}

type pageFront struct {
	Title text `yaml:"title"`
	Slug  text `yaml:"slug"`
	Order int  `yaml:"order"`
}
