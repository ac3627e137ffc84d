using HotlineDispatch.Departments;

namespace HotlineDispatch.Routing;

/// <summary>
/// Turns the department catalogue's scope texts into labelled clauses: a clause that hands a matter to
/// another department ("…属住建局", "…由水务局负责") teaches that department, every other clause teaches
/// its own. These carry the official division of work into the model, beyond the wording of the samples.
/// </summary>
public static class ScopeExamples
{
    // The short names the scope texts use for each other; longest first, so 公安局交通警察支队 is not read as 公安局.
    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("公安局交通警察支队", "JJ"), ("交警", "JJ"),
        ("住房和城乡建设局", "ZJJ"), ("住建局", "ZJJ"), ("物业", "ZJJ"),
        ("城市管理局", "CGJ"), ("城管", "CGJ"),
        ("交通运输局", "JTJ"),
        ("生态环境局", "STHJJ"),
        ("市场监督管理局", "SCJGJ"),
        ("人力资源和社会保障局", "RSJ"), ("人社局", "RSJ"),
        ("医疗保障局", "YBJ"), ("医保局", "YBJ"),
        ("卫生健康委员会", "WJW"), ("卫健委", "WJW"),
        ("教育局", "JYJ"),
        ("民政局", "MZJ"),
        ("水务局", "SWJ"),
        ("供电公司", "GDGS"),
        ("燃气公司", "RQGS"),
        ("自然资源和规划局", "ZRZYJ"),
        ("园林绿化局", "YLJ"),
        ("税务局", "SWJU"),
        ("消防救援支队", "XFJY"),
        ("街道办事处", "JDB"),
        ("行政审批局", "XZSPJ"),
        ("公安局", "GAJ"),
    ];

    private static readonly char[] ClauseBreaks = ['。', '；', ';', '，', ','];

    private const int ShortestClause = 4;

    public static IEnumerable<(string Text, string Department)> From(DepartmentCatalog catalog)
    {
        foreach (var department in catalog.All)
        {
            yield return (department.Name, department.Code);
            foreach (var clause in department.Scope.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (clause.Length < ShortestClause)
                {
                    continue;
                }

                var named = NamedDepartments(clause).Where(catalog.Contains).Distinct().ToList();
                var others = named.Where(code => code != department.Code).ToList();
                if (others.Count <= 1)
                {
                    yield return (clause, others.Count == 1 ? others[0] : department.Code);
                }
            }
        }
    }

    private static IEnumerable<string> NamedDepartments(string clause)
    {
        var rest = clause;
        foreach (var (alias, code) in Aliases.OrderByDescending(a => a.Alias.Length))
        {
            if (rest.Contains(alias, StringComparison.Ordinal))
            {
                rest = rest.Replace(alias, "|", StringComparison.Ordinal);
                yield return code;
            }
        }
    }
}
