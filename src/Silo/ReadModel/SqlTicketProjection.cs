using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Tickets;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
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
    private readonly ILogger<SqlTicketProjection> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqlTicketProjection(ReadModelDatabase database, SlaPolicy sla, IGrainFactory grains, ILogger<SqlTicketProjection> logger)
    {
        _database = database;
        _calendar = sla.Calendar;
        _grains = grains;
        _logger = logger;
        _writer = Task.Run(WriteLoop);
    }

    public Task ProjectAsync(Ticket ticket, int projectedSeq, CancellationToken cancellationToken = default)
    {
        // Captured now: the grain goes on changing its ticket once this call returns.
        var pending = new Pending(
            TicketSummary.Of(ticket),
            ticket.History.Where(e => e.Seq > projectedSeq).ToList(),
            ticket.Type,
            ticket.Channel,
            ticket.GridCell);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqlTicketProjection));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            IReadOnlyDictionary<string, List<TicketSummary>> touched;
            try
            {
                touched = await Commit(batch);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }

                batch.Clear();
                continue;
            }

            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }

            batch.Clear();
            await TellDepartments(touched);
        }
    }

    /// <summary>
    /// One transaction for the whole batch in three round trips however large it is: the stored rows
    /// are read (and on PostgreSQL locked, in key order) by one query, and every upsert and counter
    /// goes out as one batch. Per-ticket round trips had made this single writer the limit of intake.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, List<TicketSummary>>> Commit(List<Pending> batch)
    {
        var counters = new SortedDictionary<(string Dimension, string Day, string Value, string Measure), long>();
        var touched = new Dictionary<string, List<TicketSummary>>(StringComparer.Ordinal);
        var writes = new List<SqlStatement>();
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await ReadStored(connection, transaction, batch.Select(p => p.Summary.Id).Distinct().ToList());
        foreach (var pending in batch)
        {
            var summary = pending.Summary;
            var (storedSeq, storedDepartments) = stored.GetValueOrDefault(summary.Id, (0, []));
            if (storedSeq >= summary.Seq)
            {
                continue;
            }

            writes.Add(Upsert(summary));
            stored[summary.Id] = (summary.Seq, summary.Co.Append(summary.Lead).OfType<string>().ToList());
            foreach (var e in pending.Events.Where(e => e.Seq > storedSeq))
            {
                foreach (var fact in TicketMeasures.Of(e, _calendar))
                {
                    Count(counters, fact, pending);
                }
            }

            foreach (var department in storedDepartments.Concat(summary.Co).Append(summary.Lead).OfType<string>().Distinct())
            {
                if (!touched.TryGetValue(department, out var list))
                {
                    touched[department] = list = [];
                }

                list.Add(summary);
            }
        }

        // Sorted keys: concurrent silos take the counter rows' locks in one order and cannot deadlock.
        foreach (var ((dimension, day, value, measure), n) in counters)
        {
            writes.Add(new SqlStatement("""
                INSERT INTO hotline_measure (dimension, day, value, measure, n) VALUES (@dimension, @day, @value, @measure, @n)
                ON CONFLICT (dimension, day, value, measure) DO UPDATE SET n = hotline_measure.n + excluded.n
                """, [("dimension", dimension), ("day", day), ("value", value), ("measure", measure), ("n", n)]));
        }

        await SqlStatement.ExecuteAllAsync(connection, transaction, writes);
        await transaction.CommitAsync();
        return touched;
    }

    /// <summary>The history position and departments each ticket's row holds now; absent for a ticket not yet in the read model.</summary>
    private async Task<Dictionary<string, (int Seq, IReadOnlyList<string> Departments)>> ReadStored(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<string> ids)
    {
        await using var command = connection.Command("", transaction);
        var names = new List<string>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            names.Add($"@id{i}");
            command.With($"id{i}", ids[i]);
        }

        command.CommandText = $"SELECT id, seq, lead, co FROM hotline_ticket WHERE id IN ({string.Join(", ", names)}) ORDER BY id{_database.ForUpdate}";
        var stored = new Dictionary<string, (int Seq, IReadOnlyList<string> Departments)>(StringComparer.Ordinal);
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

        return stored;
    }

    private static SqlStatement Upsert(TicketSummary s) => new("""
        INSERT INTO hotline_ticket (id, seq, state, lead, co, grid_cell, accepted_at, reply_by, next_card_at, with_department, summary)
        VALUES (@id, @seq, @state, @lead, @co, @grid_cell, @accepted_at, @reply_by, @next_card_at, @with_department, @summary)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, state = excluded.state, lead = excluded.lead, co = excluded.co,
            grid_cell = excluded.grid_cell, reply_by = excluded.reply_by, next_card_at = excluded.next_card_at,
            with_department = excluded.with_department, summary = excluded.summary
        """,
        [
            ("id", s.Id),
            ("seq", s.Seq),
            ("state", s.State.ToString()),
            ("lead", s.Lead),
            ("co", s.Co.Count == 0 ? "" : $",{string.Join(',', s.Co)},"),
            ("grid_cell", s.GridCell),
            ("accepted_at", s.AcceptedAt.ToUnixTimeMilliseconds()),
            ("reply_by", Millis(s.ReplyBy)),
            ("next_card_at", Millis(s.NextCardAt)),
            ("with_department", s.IsWithDepartment ? 1 : 0),
            ("summary", JsonSerializer.Serialize(s, HotlineJson.Options)),
        ]);

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
            counters[key] = counters.GetValueOrDefault(key) + 1;
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
                // The department reloads its queue from the read model when it next activates.
                _logger.LogWarning(ex, "Department {Department} missed {Count} ticket updates", department, summaries.Count);
            }
        }
    }

    private sealed record Pending(
        TicketSummary Summary, IReadOnlyList<TicketEvent> Events, TicketType Type, TicketChannel Channel, string? GridCell)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
