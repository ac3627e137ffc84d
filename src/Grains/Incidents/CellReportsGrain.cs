using HotlineDispatch.Alerts;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Incidents;

/// <summary>
/// Keeps a cell's recent reports in memory only: a grid cell reloads its open tickets from the read
/// model when it activates (an address key starts empty), and incidents live on the incident board.
/// </summary>
public sealed class CellReportsGrain(
    ITicketIndex index,
    IIncidentBoard board,
    RoutingOptions options,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : Grain, ICellReportsGrain
{
    private const int MaxCandidates = 10;
    private const int MaxLoaded = 500;

    private readonly List<Kept> _reports = [];
    private readonly Dictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _unsaved = new(StringComparer.Ordinal);
    private IGrainTimer? _flush;

    private string Cell => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (CellKeys.GridCellOf(Cell) is { } gridCell)
        {
            var page = await index.SearchAsync(
                new TicketQuery(null, null, gridCell, null, now - options.DuplicateWindow, null, now, 1, MaxLoaded), cancellationToken);
            _reports.AddRange(page.Items
                .Where(s => s.State is not (TicketState.Closed or TicketState.Merged or TicketState.Resolved))
                .Select(s => new Kept(new CellReport(s.Id, s.Excerpt, s.AcceptedAt))));
        }

        foreach (var incident in await board.RecentAsync(Cell, now - options.SurgeWindow, cancellationToken))
        {
            Keep(incident);
        }
    }

    public Task<IReadOnlyList<DuplicateCandidate>> Similar(string text, string? excludeTicketId)
    {
        var bigrams = TextSimilarity.Bigrams(text);
        var since = time.GetUtcNow() - options.DuplicateWindow;
        IReadOnlyList<DuplicateCandidate> similar = _reports
            .Where(r => r.Report.TicketId != excludeTicketId && r.Report.AcceptedAt >= since)
            .Select(r => (r.Report, Similarity: TextSimilarity.Of(bigrams, r.Bigrams)))
            .Where(x => x.Similarity >= options.SimilarAbove)
            .OrderByDescending(x => x.Similarity)
            .ThenByDescending(x => x.Report.AcceptedAt)
            .Take(MaxCandidates)
            .Select(x => new DuplicateCandidate(x.Report.TicketId, Math.Round(x.Similarity, 3), x.Report.AcceptedAt, Excerpt(x.Report.Text)))
            .ToList();
        return Task.FromResult(similar);
    }

    public async Task<SurgeOutcome?> Add(CellReport report)
    {
        var kept = new Kept(report);
        if (_reports.All(r => r.Report.TicketId != report.TicketId))
        {
            _reports.Add(kept);
        }

        _reports.RemoveAll(r => r.Report.AcceptedAt < report.AcceptedAt - options.DuplicateWindow);
        var burst = new HashSet<string>(StringComparer.Ordinal);
        CellReport? first = null;
        foreach (var r in _reports)
        {
            if (r.Report.AcceptedAt >= report.AcceptedAt - options.SurgeWindow && r.Report.AcceptedAt <= report.AcceptedAt
                && TextSimilarity.Of(kept.Bigrams, r.Bigrams) >= options.SimilarAbove)
            {
                burst.Add(r.Report.TicketId);
                first = first is null || r.Report.AcceptedAt < first.AcceptedAt ? r.Report : first;
            }
        }

        if (burst.Count < options.SurgeReports)
        {
            return null;
        }

        var existing = _incidents.Values.FirstOrDefault(i => _members[i.Id].Overlaps(burst));
        if (existing is null)
        {
            var created = new Incident($"incident-{first!.TicketId}", Cell, Excerpt(first.Text), burst.ToList(), first.AcceptedAt, report.AcceptedAt);
            await board.SaveAsync(created, burst, Alert.ForSurge(created, report.TicketId));
            Keep(created);
            return new SurgeOutcome(created.Id, burst.Count, true);
        }

        // A storm's burst cell adds thousands of reports to one incident: the members are a set, so a
        // report costs its own comparison with the cell's recent reports and no rebuild of the incident.
        var members = _members[existing.Id];
        var joined = burst.Where(members.Add).ToList();
        _incidents[existing.Id] = existing with { LastAt = report.AcceptedAt };
        if (joined.Count > 0)
        {
            if (!_unsaved.TryGetValue(existing.Id, out var unsaved))
            {
                _unsaved[existing.Id] = unsaved = new HashSet<string>(StringComparer.Ordinal);
            }

            unsaved.UnionWith(joined);
            _flush ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        }

        return new SurgeOutcome(existing.Id, members.Count, false);
    }

    /// <summary>The members go to a set of their own; the incident kept beside them is what the board's saves need, without them.</summary>
    private void Keep(Incident incident)
    {
        _incidents[incident.Id] = incident with { TicketIds = [] };
        _members[incident.Id] = new HashSet<string>(incident.TicketIds, StringComparer.Ordinal);
    }

    /// <summary>
    /// Saves the reports that joined incidents since the last save, one write for however many came
    /// in meanwhile: a storm sends a burst cell its reports back to back, and a write each made every
    /// one of them wait for the read model's turn in this grain's single queue. Interleaved, so reports
    /// keep coming while it writes. A save lost with the silo is repaired by the cell's next similar
    /// report, which joins every similar recent ticket the saved incident lacks.
    /// </summary>
    private async Task Flush(CancellationToken cancellationToken)
    {
        try
        {
            while (_unsaved.Count > 0)
            {
                var batch = new Queue<KeyValuePair<string, HashSet<string>>>(_unsaved);
                _unsaved.Clear();
                try
                {
                    for (; batch.Count > 0; batch.Dequeue())
                    {
                        var (id, joined) = batch.Peek();
                        await board.SaveAsync(_incidents[id], joined, null, cancellationToken);
                    }
                }
                catch
                {
                    // Kept for the next report's save, or the deactivation's.
                    foreach (var (id, joined) in batch)
                    {
                        _unsaved[id] = _unsaved.TryGetValue(id, out var later) ? [.. joined.Union(later)] : joined;
                    }

                    throw;
                }
            }
        }
        finally
        {
            _flush?.Dispose();
            _flush = null;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush(cancellationToken);

    public Task Forget(string ticketId)
    {
        _reports.RemoveAll(r => r.Report.TicketId == ticketId);
        return Task.CompletedTask;
    }

    private static string Excerpt(string text) => Excerpts.Of(text, 60);

    private sealed class Kept(CellReport report)
    {
        public CellReport Report { get; } = report;

        public uint[] Bigrams { get; } = TextSimilarity.Bigrams(report.Text);
    }
}
