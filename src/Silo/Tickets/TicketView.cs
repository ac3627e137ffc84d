using HotlineDispatch.Deadlines;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Disputes;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>
/// A ticket as one user may see it: times in the centre's offset, the phone masked for roles that do
/// not need it, and an anonymous reporter (with the source and attachments that could name them) shown to nobody
/// but the operator who took the report.
/// </summary>
public sealed record TicketView(
    string Id,
    string Number,
    TicketState State,
    TicketChannel Channel,
    TicketType Type,
    bool Urgent,
    string Content,
    bool ContentTruncated,
    string Address,
    string? GridCell,
    TicketView.CallerView Caller,
    string? Lead,
    IReadOnlyList<string> Co,
    IReadOnlyList<TicketView.CoHandlerView> CoHandlers,
    DateTimeOffset? SignBy,
    DateTimeOffset? ReplyBy,
    IReadOnlyList<TicketView.CardView> Cards,
    SurveyRating? Rating,
    bool AwaitingSurvey,
    string? Result,
    string? MasterId,
    IReadOnlyList<string> Merged,
    bool Supervised,
    TicketView.ExtensionView? PendingExtension,
    DateTimeOffset AcceptedAt,
    string LoggedBy,
    IReadOnlyList<string> Attachments,
    string? SourceRef,
    string? KnowledgeEntry,
    IReadOnlyList<TicketView.HistoryView> History,
    IReadOnlyList<HotlineDispatch.Routing.DepartmentGuess> Suggestions,
    string? UrgentCue,
    IReadOnlyList<string> PossibleDuplicates,
    int Urged,
    IReadOnlyList<DisputeView> Disputes,
    string? UpstreamId,
    string? Street,
    string? Community)
{
    /// <summary>The steps the viewer may take now, named as their routes (<see cref="TicketOffers"/>); empty where not asked for.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <param name="registry">Where the ticket's cell, or failing that its address, lies; without it street and community are null.</param>
    public static TicketView Of(TicketSnapshot t, CurrentUser viewer, WorkingCalendar calendar, GridRegistry? registry = null)
    {
        var (street, community) = registry?.Locate(t.GridCell, t.Address) ?? default;

        // What came with an anonymous report can name its reporter: the call draft it was taken from, the
        // caller's own voice on the recording, a photo from their window.
        var reporterShown = viewer.MaySeeReporter(t.Caller);
        DateTimeOffset Local(DateTimeOffset at) => calendar.ToLocal(at);
        DateTimeOffset? LocalOrNull(DateTimeOffset? at) => at is { } value ? Local(value) : null;

        return new TicketView(
            t.Id, t.Id, t.State, t.Channel, t.Type, t.Urgent, t.Content, t.ContentTruncated, t.Address, t.GridCell,
            CallerFor(t, viewer, reporterShown),
            t.Lead,
            t.Co.Select(c => c.Department).ToList(),
            t.Co.Select(c => new CoHandlerView(c.Department, LocalOrNull(c.SignedAt))).ToList(),
            LocalOrNull(t.SignBy),
            LocalOrNull(t.ReplyBy),
            t.Cards.Select(c => new CardView(c.Kind, c.Step, c.Department, Local(c.DueAt), Local(c.RecordedAt))).ToList(),
            t.Rating,
            t.AwaitingSurvey,
            t.Result,
            t.MasterId,
            t.MergedIds.ToList(),
            t.Supervised,
            t.PendingExtension is { } x ? new ExtensionView(x.Department, x.Extra, x.Reason, Local(x.RequestedAt)) : null,
            Local(t.AcceptedAt),
            t.LoggedBy,
            reporterShown ? t.Attachments.ToList() : [],
            reporterShown ? t.SourceRef : null,
            t.KnowledgeEntry,
            t.History.Select(e => new HistoryView(e.Seq, Local(e.At), e.Actor, e.Action, e.FromState, e.ToState, e.Note, e.Department)
            {
                FromDepartment = e.FromDepartment,
                Result = e.Result,
                Rating = e.Rating,
            }).ToList(),
            t.Suggestions.ToList(),
            t.UrgentCue,
            t.PossibleDuplicates.ToList(),
            t.UrgedCount,
            t.Disputes.Select(d => DisputeView.Of(t.Id, d, calendar)).ToList(),
            t.UpstreamId,
            street,
            community);
    }

    private static CallerView CallerFor(TicketSnapshot t, CurrentUser viewer, bool reporterShown)
    {
        if (!reporterShown)
        {
            return new CallerView(null, null, true);
        }

        var phone = Roles.SeesFullPhone(viewer.Role) ? t.Caller.Phone : PhoneMask.Mask(t.Caller.Phone);
        return new CallerView(t.Caller.Name, phone, t.Caller.Anonymous);
    }

    public sealed record CallerView(string? Name, string? Phone, bool Anonymous);

    public sealed record CoHandlerView(string Department, DateTimeOffset? SignedAt);

    public sealed record CardView(CardKind Kind, DeadlineStep Step, string Department, DateTimeOffset DueAt, DateTimeOffset RecordedAt);

    public sealed record ExtensionView(string Department, TimeSpan Extra, string Reason, DateTimeOffset RequestedAt);

    public sealed record HistoryView(
        int Seq, DateTimeOffset At, string Actor, string Action, TicketState? FromState, TicketState ToState, string? Note, string? Department)
    {
        /// <summary>For a re-dispatch (改派): the lead it was taken from.</summary>
        public string? FromDepartment { get; init; }

        /// <summary>The answer a reply or an answer at intake gave.</summary>
        public string? Result { get; init; }

        public SurveyRating? Rating { get; init; }
    }
}
