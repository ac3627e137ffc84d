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
            _incidents[incident.Id] = incident;
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
        var burst = _reports
            .Where(r => r.Report.AcceptedAt >= report.AcceptedAt - options.SurgeWindow && r.Report.AcceptedAt <= report.AcceptedAt)
            .Where(r => TextSimilarity.Of(kept.Bigrams, r.Bigrams) >= options.SimilarAbove)
            .OrderBy(r => r.Report.AcceptedAt)
            .Select(r => r.Report)
            .ToList();
        if (burst.Count < options.SurgeReports)
        {
            return null;
        }

        var ids = burst.Select(r => r.TicketId).ToHashSet();
        var existing = _incidents.Values.FirstOrDefault(i => i.TicketIds.Any(ids.Contains));
        var incident = existing is null
            ? new Incident($"incident-{burst[0].TicketId}", Cell, Excerpt(burst[0].Text), ids.ToList(), burst[0].AcceptedAt, report.AcceptedAt)
            : existing with { TicketIds = existing.TicketIds.Union(ids).ToList(), LastAt = report.AcceptedAt };
        var joined = existing is null ? ids : ids.Except(existing.TicketIds).ToHashSet();
        await board.SaveAsync(incident, joined, existing is null ? Alert.ForSurge(incident, report.TicketId) : null);
        _incidents[incident.Id] = incident;
        return new SurgeOutcome(incident, existing is null);
    }

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
