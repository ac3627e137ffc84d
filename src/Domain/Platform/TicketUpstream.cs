using HotlineDispatch.Deadlines;
using HotlineDispatch.Platform;

namespace HotlineDispatch.Tickets;

// The upper platform's terms on a ticket it handed down (docs/platform.md), beside the other platform types.
public sealed partial class Ticket
{
    [Id(91)] public UpstreamTerms? Upstream { get; private set; }

    /// <summary>Our limit, or the upper platform's deadline for the step where that comes first.</summary>
    private Deadline Stricter(Deadline deadline, SlaPolicy sla) =>
        (deadline.Step == DeadlineStep.Sign ? Upstream?.SignBy : Upstream?.ReplyBy) is { } upstream && upstream < deadline.DueAt
            ? deadline.EndingAt(upstream, sla)
            : deadline;
}
