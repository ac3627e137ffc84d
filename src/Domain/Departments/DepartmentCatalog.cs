using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotlineDispatch.Departments;

/// <summary>
/// The departments of this deployment, as shipped in <c>departments.json</c> (the 21 departments of the district).
/// Codes are matched case-sensitively: they are identifiers, not names.
/// </summary>
public sealed class DepartmentCatalog
{
    private readonly Dictionary<string, Department> _byCode;

    public DepartmentCatalog(IEnumerable<Department> departments)
    {
        All = departments.ToList();
        _byCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Department> All { get; }

    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    public Department? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The catalogue embedded in this assembly.</summary>
    public static DepartmentCatalog LoadEmbedded()
    {
        using var stream = typeof(DepartmentCatalog).Assembly.GetManifestResourceStream("departments.json")
            ?? throw new InvalidOperationException("departments.json is not embedded in the Grains assembly.");
        var rows = JsonSerializer.Deserialize<List<DepartmentRow>>(stream)
            ?? throw new InvalidOperationException("departments.json is empty.");
        return new DepartmentCatalog(rows.Select(r => new Department(r.Code, r.Name, r.NameEn, r.Scope)));
    }

    private sealed record DepartmentRow(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("name_en")] string NameEn,
        [property: JsonPropertyName("scope")] string Scope);
}
