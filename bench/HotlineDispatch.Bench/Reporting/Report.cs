using System.Text.Json;
using System.Text.Json.Nodes;

namespace HotlineDispatch.Bench.Reporting;

/// <summary>
/// What a scenario found: a readable table for people and one JSON object for tools, built side by
/// side so the two never disagree.
/// </summary>
public sealed class Report(string scenario)
{
    private readonly List<(string Label, string Value)> _rows = [];
    private readonly List<JsonObject> _lines = [];

    public JsonObject Json { get; } = new() { ["scenario"] = scenario };

    public string Scenario => scenario;

    /// <summary>Set by a scenario that checks something (faults) when the check failed; the program then exits with 1.</summary>
    public bool Failed { get; set; }

    /// <summary>A row of the table only.</summary>
    public Report Row(string label, string value)
    {
        _rows.Add((label, value));
        return this;
    }

    /// <summary>A figure in both the table and the JSON, rounded to <paramref name="decimals"/>.</summary>
    public Report Figure(string key, string label, double value, int decimals, string unit = "")
    {
        var rounded = Math.Round(value, decimals);
        Json[key] = decimals == 0 ? JsonValue.Create((long)rounded) : JsonValue.Create(rounded);
        return Row(label, $"{rounded.ToString($"N{decimals}", System.Globalization.CultureInfo.InvariantCulture)}{unit}");
    }

    /// <summary>A value in both the table and the JSON.</summary>
    public Report Field(string key, string label, string value)
    {
        Json[key] = value;
        return Row(label, value);
    }

    /// <summary>
    /// A JSON line of its own, for scenarios that measure several kinds of thing (history: one per query kind).
    /// Once a scenario adds lines, they are its JSON output in place of <see cref="Json"/>.
    /// </summary>
    public Report Line(JsonObject line)
    {
        _lines.Add(line);
        return this;
    }

    public void WriteTable(TextWriter output)
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(r => r.Label.Length);
        output.WriteLine();
        output.WriteLine($"== {scenario} ==");
        foreach (var (label, value) in _rows)
        {
            output.WriteLine($"  {label.PadRight(width)}  {value}");
        }
    }

    public string JsonLine() => _lines.Count == 0
        ? Json.ToJsonString(new JsonSerializerOptions { WriteIndented = false })
        : string.Join('\n', _lines.Select(l => l.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));
}
