using System.Data.Common;
using System.Text.Json;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Tickets;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.Storage;
using Npgsql;
using static HotlineDispatch.Silo.ReadModel.DbCommandExtensions;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Writes ticket summaries and measure counters. Callers from many tickets are gathered into one
/// transaction, which is what keeps intake close to the database's own commit rate. Each ticket row
/// remembers the history position it reflects; events at or below it are skipped, so a projection
/// repeated after a crash counts nothing twice.
/// </summary>
public sealed class SqlTicketProjection : ITicketProjection, IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly ReadModelDatabase _database;
    private readonly WorkingCalendar _calendar;
    private readonly IGrainFactory _grains;
    private readonly DepartmentResync _resync;
    private readonly ILogger<SqlTicketProjection> _logger;
    private readonly IReadOnlyList<ITicketProjectionPart> _parts;
    private readonly IReadOnlyList<ITicketProjectionFollowUp> _followUps;
    private readonly CommitQueue<Pending, ValueTuple> _queue;

    public SqlTicketProjection(
        ReadModelDatabase database, SlaPolicy sla, IGrainFactory grains, DepartmentResync resync, IEnumerable<ITicketProjectionPart> parts,
        IEnumerable<ITicketProjectionFollowUp> followUps, ILogger<SqlTicketProjection> logger)
    {
        _parts = parts.ToList();
        _followUps = followUps.ToList();
        _database = database;
        _calendar = sla.Calendar;
        _grains = grains;
        _resync = resync;
        _logger = logger;
        // Departments hear of the commit before the steps are acknowledged, so a reply to a step never runs ahead of
        // the queue it changed.
        _queue = CommitQueue.Of<Pending>(MaxBatch, async batch => await TellDepartments(await Commit(batch)));
    }

    public async Task ProjectAsync(TicketSnapshot ticket, int projectedSeq, CancellationToken cancellationToken = default)
    {
        var events = ticket.History.Where(e => e.Seq > projectedSeq).ToList();
        var pending = new Pending(
            TicketSummary.Of(ticket),
            events,
            ticket.Type,
            ticket.Channel,
            ticket.GridCell,
            _parts.Select(p => p.Capture(ticket, events)).OfType<ProjectionWrite>().ToList());
        await _queue.EnqueueAsync(pending, cancellationToken);
        foreach (var followUp in _followUps)
        {
            await followUp.FollowAsync(ticket, events);
        }
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task<IReadOnlyDictionary<string, List<TicketSummary>>> Commit(IReadOnlyList<Pending> batch)
    {
        var counters = new SortedDictionary<(string Dimension, string Day, string Value, string Measure), long>();
        var departmentDays = new SortedDictionary<(string Department, string State, long Day), long>();
        var touched = new Dictionary<string, List<TicketSummary>>(StringComparer.Ordinal);
        await using var turn = await _database.WriteTurnAsync(CancellationToken.None);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await ReadStored(connection, transaction, batch.Select(p => p.Summary.Id));
        foreach (var pending in batch)
        {
            var summary = pending.Summary;
            var (storedSeq, storedDepartments) = stored.GetValueOrDefault(summary.Id, (0, []));

            // The guarded upsert changes nothing when another projector got there first (a first insert
            // locks no row to SELECT … FOR UPDATE), and then nothing is counted here either.
            if (storedSeq >= summary.Seq || await Upsert(connection, transaction, summary) == 0)
            {
                continue;
            }

            await WriteDepartments(connection, transaction, summary, departmentDays);
            foreach (var write in pending.PartWrites)
            {
                await write(connection, transaction, storedSeq);
            }

            foreach (var e in pending.Events.Where(e => e.Seq > storedSeq))
            {
                foreach (var fact in TicketMeasures.Of(e, _calendar))
                {
                    Count(counters, fact, pending);
                }
            }

            var departments = storedDepartments.Concat(summary.Co).Append(summary.Lead).OfType<string>().Distinct().ToList();
            foreach (var department in departments)
            {
                if (!touched.TryGetValue(department, out var list))
                {
                    touched[department] = list = [];
                }

                list.Add(summary);
            }

            // A ticket twice in one batch (a step and its retry from another activation) sees its first entry as stored.
            stored[summary.Id] = (summary.Seq, departments);
        }

        await AddCounters(connection, transaction, "hotline_measure", "day", counters);
        await AddCounters(connection, transaction, "hotline_measure_month", "month", RolledUp(counters, day => day[.."yyyy-MM".Length]));
        await AddCounters(connection, transaction, "hotline_measure_quarter", "quarter", RolledUp(counters, MeasureSpans.Quarter));
        await AddCounters(connection, transaction, "hotline_measure_year", "year", RolledUp(counters, day => day[.."yyyy".Length]));
        await AddDepartmentDays(connection, transaction, departmentDays);
        await transaction.CommitAsync();
        return touched;
    }

    /// <summary>
    /// One query for the whole batch's stored rows: a query per ticket was most of the projection's
    /// round trips on PostgreSQL and most of its statement parsing on SQLite.
    /// </summary>
    private async Task<Dictionary<string, (int Seq, IReadOnlyList<string> Departments)>> ReadStored(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> ids)
    {
        var stored = new Dictionary<string, (int, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(MaxBatch))
        {
            await using var command = connection.Command("", transaction);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.With($"id{i}", chunk[i]);
            }

            var names = string.Join(", ", chunk.Select((_, i) => $"@id{i}"));
            // In id order, so two silos' projectors lock shared rows in the same order.
            command.CommandText = $"SELECT id, seq, lead, co FROM hotline_ticket WHERE id IN ({names}) ORDER BY id{_database.ForUpdate}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var departments = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                if (!reader.IsDBNull(2))
                {
                    departments.Add(reader.GetString(2));
                }

                stored[reader.GetString(0)] = (Convert.ToInt32(reader.GetValue(1)), departments);
            }
        }

        return stored;
    }

    /// <summary>
    /// Adds the batch's counts in one upsert (<see cref="JsonRows"/>). Sorted keys: concurrent silos take the counter
    /// rows' locks in one order and cannot deadlock.
    /// </summary>
    private static async Task AddCounters(
        DbConnection connection, DbTransaction transaction, string table, string period,
        SortedDictionary<(string Dimension, string Day, string Value, string Measure), long> counters)
    {
        if (counters.Count == 0)
        {
            return;
        }

        await connection.Command($"""
            INSERT INTO {table} (dimension, {period}, value, measure, n) {JsonRows.Select(connection is NpgsqlConnection, columns: 5, integers: 4)}
            ON CONFLICT (dimension, {period}, value, measure) DO UPDATE SET n = {table}.n + excluded.n
            """, transaction)
            .With("rows", JsonRows.Of(counters, static (json, counter) =>
            {
                var ((dimension, day, value, measure), n) = counter;
                json.WriteStringValue(dimension);
                json.WriteStringValue(day);
                json.WriteStringValue(value);
                json.WriteStringValue(measure);
                json.WriteNumberValue(n);
            }))
            .RunAsync();
    }

    /// <summary>The daily counts summed by the <paramref name="period"/> of their day: its month, quarter or year.</summary>
    internal static SortedDictionary<(string Dimension, string Day, string Value, string Measure), long> RolledUp(
        SortedDictionary<(string Dimension, string Day, string Value, string Measure), long> daily, Func<string, string> period)
    {
        var rolled = new SortedDictionary<(string, string, string, string), long>();
        foreach (var ((dimension, day, value, measure), n) in daily)
        {
            var key = (dimension, period(day), value, measure);
            rolled[key] = rolled.GetValueOrDefault(key) + n;
        }

        return rolled;
    }

    private static Task<int> Upsert(DbConnection connection, DbTransaction transaction, TicketSummary s) =>
        connection.Command("""
            INSERT INTO hotline_ticket (id, seq, state, lead, co, grid_cell, accepted_at, reply_by, next_card_at, with_department, summary)
            VALUES (@id, @seq, @state, @lead, @co, @grid_cell, @accepted_at, @reply_by, @next_card_at, @with_department, @summary)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, state = excluded.state, lead = excluded.lead, co = excluded.co,
                grid_cell = excluded.grid_cell, reply_by = excluded.reply_by, next_card_at = excluded.next_card_at,
                with_department = excluded.with_department, summary = excluded.summary
            WHERE hotline_ticket.seq < excluded.seq
            """, transaction)
            .With("id", s.Id)
            .With("seq", s.Seq)
            .With("state", s.State.ToString())
            .With("lead", s.Lead)
            .With("co", s.Co.Count == 0 ? "" : $",{string.Join(',', s.Co)},")
            .With("grid_cell", s.GridCell)
            .With("accepted_at", s.AcceptedAt.ToUnixTimeMilliseconds())
            // The column is only read by the overdue filter, so it holds the instant from which the ticket is overdue.
            .With("reply_by", Millis(s.OverdueFrom))
            .With("next_card_at", Millis(s.NextCardAt))
            .With("with_department", s.IsWithDepartment ? 1 : 0)
            .With("summary", JsonSerializer.Serialize(s, HotlineJson.Options))
            .RunAsync();

    /// <summary>
    /// The ticket's rows in hotline_ticket_department, one per department on it, with its state now; the rows it replaces
    /// and the rows it writes move <paramref name="departmentDays"/>, so the counts follow the very rows they count.
    /// </summary>
    private static async Task WriteDepartments(
        DbConnection connection, DbTransaction transaction, TicketSummary s, SortedDictionary<(string, string, long), long> departmentDays)
    {
        void Move(string department, string state, long acceptedAt, int by)
        {
            var key = (department, state, acceptedAt / DepartmentDays.DayMillis);
            departmentDays[key] = departmentDays.GetValueOrDefault(key) + by;
        }

        var departments = s.Co.Prepend(s.Lead).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var (state, acceptedAt) = (s.State.ToString(), s.AcceptedAt.ToUnixTimeMilliseconds());
        await using var command = connection.Command("", transaction)
            .With("id", s.Id).With("state", state).With("accepted_at", acceptedAt);
        var rows = new List<string>(departments.Count);
        for (var i = 0; i < departments.Count; i++)
        {
            command.With($"d{i}", departments[i]);
            rows.Add($"(@d{i}, @state, @accepted_at, @id)");
            Move(departments[i], state, acceptedAt, +1);
        }

        command.CommandText = "DELETE FROM hotline_ticket_department WHERE id = @id RETURNING department, state, accepted_at;"
            + (rows.Count == 0 ? "" : $" INSERT INTO hotline_ticket_department (department, state, accepted_at, id) VALUES {string.Join(", ", rows)};");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Move(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), -1);
        }

        // The INSERT runs as the reader moves on to it.
        while (await reader.NextResultAsync())
        {
        }
    }

    /// <summary>Adds the batch's moves of the departments' day counts in one upsert, in key order like the counters.</summary>
    private static async Task AddDepartmentDays(
        DbConnection connection, DbTransaction transaction, SortedDictionary<(string Department, string State, long Day), long> departmentDays)
    {
        var moved = departmentDays.Where(d => d.Value != 0).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        await connection.Command($"""
            INSERT INTO hotline_ticket_department_day (department, state, day, n) {JsonRows.Select(connection is NpgsqlConnection, columns: 4, integers: [2, 3])}
            ON CONFLICT (department, state, day) DO UPDATE SET n = hotline_ticket_department_day.n + excluded.n
            """, transaction)
            .With("rows", JsonRows.Of(moved, static (json, day) =>
            {
                var ((department, state, number), n) = day;
                json.WriteStringValue(department);
                json.WriteStringValue(state);
                json.WriteNumberValue(number);
                json.WriteNumberValue(n);
            }))
            .RunAsync();
    }

    private static void Count(
        SortedDictionary<(string, string, string, string), long> counters, MeasureFact fact, Pending pending)
    {
        var day = fact.Day.ToString("yyyy-MM-dd");
        foreach (var (dimension, value) in new[]
                 {
                     (StatsDimension.Department, fact.Department ?? ""),
                     (StatsDimension.GridCell, pending.GridCell ?? ""),
                     (StatsDimension.Category, HotlineJson.Name(pending.Type)),
                     (StatsDimension.Channel, HotlineJson.Name(pending.Channel)),
                     (StatsDimension.Day, day),
                 })
        {
            var key = (dimension, day, value, fact.Measure);
            counters[key] = counters.GetValueOrDefault(key) + fact.Amount;
        }
    }

    private async Task TellDepartments(IReadOnlyDictionary<string, List<TicketSummary>> touched)
    {
        foreach (var (department, summaries) in touched)
        {
            try
            {
                await _grains.GetGrain<IDepartmentGrain>(department).Track(summaries);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Department {Department} missed {Count} ticket updates; reloading its queue", department, summaries.Count);
                _resync.Missed(department);
            }
        }
    }

    /// <summary><see cref="PartWrites"/> are given the stored position, so they too skip events already projected.</summary>
    private sealed record Pending(
        TicketSummary Summary, IReadOnlyList<TicketEvent> Events, TicketType Type, TicketChannel Channel, string? GridCell,
        IReadOnlyList<ProjectionWrite> PartWrites);
}
