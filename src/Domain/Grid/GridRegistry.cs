namespace HotlineDispatch.Grid;

/// <summary>A grid cell's place in the territory (docs/domain.md §6): district → street → community → cell, with its grid workers.</summary>
public sealed record GridPlace(string Cell, string Name, string District, string Street, string Community, IReadOnlyList<string> Workers);

/// <summary>What is wrong with one line of an uploaded CSV; nothing of the file is loaded while any line has one.</summary>
public sealed record CsvLineError(int Line, string Message);

/// <summary>A resident chat group as the bulk registration lists it.</summary>
public sealed record GroupRow(int Line, string GroupId, string Name, string GridCell);

/// <summary>
/// The registry of grid cells, read whole from a CSV an admin uploads, and the lookups that roll cells up to their
/// community and street. Checks every line before anything is used, so a bad file changes nothing.
/// </summary>
public sealed class GridRegistry
{
    public static readonly IReadOnlyList<string> Columns = ["district", "street", "community", "cell", "name", "gridWorkers"];
    public static readonly IReadOnlyList<string> GroupColumns = ["groupId", "name", "gridCell"];

    private const int MaxName = 100;

    private readonly Dictionary<string, GridPlace> _byCell;
    private readonly List<GridPlace> _byCommunityLength;

    public GridRegistry(IEnumerable<GridPlace> places)
    {
        Places = [.. places];
        _byCell = Places.ToDictionary(p => p.Cell, StringComparer.Ordinal);
        // Longest names first, so an address naming 东湖新村社区 is not taken for 东湖社区.
        _byCommunityLength = [.. Places.DistinctBy(p => p.Community).OrderByDescending(p => p.Community.Length)];
    }

    public static GridRegistry Empty { get; } = new([]);

    public IReadOnlyList<GridPlace> Places { get; }

    public GridPlace? Find(string? cell) => cell is null ? null : _byCell.GetValueOrDefault(cell);

    /// <summary>Where a ticket lies: its cell's place, or else the community (and its street) its address names.</summary>
    public (string? Street, string? Community) Locate(string? cell, string? address)
    {
        if (Find(cell) is { } place)
        {
            return (place.Street, place.Community);
        }

        var named = string.IsNullOrWhiteSpace(address) ? null : _byCommunityLength.FirstOrDefault(p => address.Contains(p.Community, StringComparison.Ordinal));
        return (named?.Street, named?.Community);
    }

    /// <summary>Reads a registry CSV: the header <see cref="Columns"/>, then a line per cell, grid workers separated by ';' or '、'.</summary>
    public static (GridRegistry Registry, IReadOnlyList<CsvLineError> Errors) Parse(string csv, Func<string, bool> isWellFormedId)
    {
        var errors = new List<CsvLineError>();
        var places = new List<GridPlace>();
        var streetOf = new Dictionary<string, (string Street, int Line)>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in Records(csv, Columns, errors))
        {
            var (district, street, community, cell, name) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim());
            var problem =
                new[] { ("district", district), ("street", street), ("community", community), ("name", name) }
                    .Where(f => f.Item2.Length is 0 or > MaxName).Select(f => $"{f.Item1} is required, at most {MaxName} characters.").FirstOrDefault()
                ?? (!isWellFormedId(cell) ? $"cell '{cell}' must be 1 to 128 letters, digits, '_', '.', '@' or '-'." : null)
                ?? (seen.TryGetValue(cell, out var first) ? $"cell {cell} is already on line {first}." : null)
                ?? (streetOf.TryGetValue(community, out var known) && known.Street != street
                    ? $"community {community} is in street {known.Street} on line {known.Line}, not in {street}."
                    : null);
            if (problem is not null)
            {
                errors.Add(new CsvLineError(line, problem));
                continue;
            }

            seen[cell] = line;
            streetOf.TryAdd(community, (street, line));
            var workers = fields[5].Split([';', '、', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            places.Add(new GridPlace(cell, name, district, street, community, workers));
        }

        if (places.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CsvLineError(1, "The file lists no cell."));
        }

        return (errors.Count == 0 ? new GridRegistry(places) : Empty, errors);
    }

    /// <summary>Reads a bulk group registration: the header <see cref="GroupColumns"/>, then a line per group of a registered cell.</summary>
    public (IReadOnlyList<GroupRow> Groups, IReadOnlyList<CsvLineError> Errors) ParseGroups(string csv, Func<string, bool> isWellFormedId)
    {
        var errors = new List<CsvLineError>();
        var groups = new List<GroupRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in Records(csv, GroupColumns, errors))
        {
            var (groupId, name, cell) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim());
            var problem =
                (!isWellFormedId(groupId) ? $"groupId '{groupId}' must be 1 to 128 letters, digits, '_', '.', '@' or '-'." : null)
                ?? (name.Length is 0 or > MaxName ? $"name is required, at most {MaxName} characters." : null)
                ?? (Find(cell) is null ? $"cell '{cell}' is not in the grid registry." : null)
                ?? (seen.TryGetValue(groupId, out var first) ? $"group {groupId} is already on line {first}." : null);
            if (problem is not null)
            {
                errors.Add(new CsvLineError(line, problem));
                continue;
            }

            seen[groupId] = line;
            groups.Add(new GroupRow(line, groupId, name, cell));
        }

        return (errors.Count == 0 ? groups : [], errors);
    }

    /// <summary>The records after a header naming <paramref name="columns"/>; a record with another count of fields is an error.</summary>
    private static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Records(string csv, IReadOnlyList<string> columns, List<CsvLineError> errors)
    {
        var header = true;
        foreach (var (line, fields) in CsvLines.Read(csv))
        {
            if (header)
            {
                header = false;
                if (!fields.Select(f => f.Trim()).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(new CsvLineError(line, $"The first line must be the header {string.Join(",", columns)}."));
                    yield break;
                }

                continue;
            }

            if (fields.Count != columns.Count)
            {
                errors.Add(new CsvLineError(line, $"{fields.Count} fields where {columns.Count} are expected ({string.Join(",", columns)})."));
                continue;
            }

            yield return (line, fields);
        }
    }
}
