using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Departments;

/// <summary>
/// Holds its queue in memory only: the read model is its durable source, loaded at activation (and again
/// when the projection could not reach it) and kept current by the projection, so a department costs no
/// write of its own per ticket step.
/// </summary>
public sealed class DepartmentGrain(ITicketIndex index, [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : Grain, IDepartmentGrain
{
    private readonly Dictionary<string, TicketSummary> _open = new(StringComparer.Ordinal);

    private string Code => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Load(cancellationToken);

    public Task Reload() => Load(CancellationToken.None);

    private async Task Load(CancellationToken cancellationToken)
    {
        var open = await index.WithDepartmentAsync(Code, cancellationToken);
        // Replaced, not merged: a ticket that left the department in an update this grain missed must leave the queue too.
        _open.Clear();
        foreach (var summary in open)
        {
            _open[summary.Id] = summary;
        }
    }

    public Task<DepartmentLoad> GetLoad()
    {
        var now = time.GetUtcNow();
        var tickets = _open.Values;
        return Task.FromResult(new DepartmentLoad(
            Code,
            tickets.Count,
            tickets.Count(t => t.Lead == Code && t.IsOverdue(now)),
            tickets.Count(t => t.YellowFor.Contains(Code) && !t.RedFor.Contains(Code)),
            tickets.Count(t => t.RedFor.Contains(Code))));
    }

    public Task<IReadOnlyList<TicketSummary>> GetQueue() =>
        Task.FromResult<IReadOnlyList<TicketSummary>>(_open.Values
            .OrderBy(t => t.UrgentDeadline ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.AcceptedAt)
            .ToList());

    public Task Track(IReadOnlyList<TicketSummary> tickets)
    {
        foreach (var summary in tickets)
        {
            if (_open.TryGetValue(summary.Id, out var held) && held.Seq >= summary.Seq)
            {
                continue;
            }

            if (summary.IsWithDepartment && summary.IsAssignedTo(Code))
            {
                _open[summary.Id] = summary;
            }
            else
            {
                _open.Remove(summary.Id);
            }
        }

        return Task.CompletedTask;
    }
}
