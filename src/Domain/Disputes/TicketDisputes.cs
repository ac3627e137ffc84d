using HotlineDispatch.Deadlines;
using HotlineDispatch.Disputes;

namespace HotlineDispatch.Tickets;

// The dispute steps of the ticket (docs/domain.md §9), beside the other dispute types rather than in Ticket.cs.
public sealed partial class Ticket
{
    [Id(90)] private List<Dispute>? _disputes;

    /// <summary>Every dispute and late return raised on the ticket, decided or not, oldest first.</summary>
    public IReadOnlyList<Dispute> Disputes => _disputes ?? (IReadOnlyList<Dispute>)[];

    /// <summary>The dispute waiting for review, if any; there is never more than one.</summary>
    public Dispute? OpenDispute => _disputes is [.., { IsOpen: true } open] ? open : null;

    /// <summary>Until when the lead may dispute the current dispatch; after it, a return by the lead goes to review too.</summary>
    public DateTimeOffset? DisputeWindowEnds(TicketContext context)
    {
        var dispatched = History.LastOrDefault(e => e.Action == TicketActions.Dispatch);
        if (dispatched is null)
        {
            return null;
        }

        var calendar = DisputeCalendar(context);
        return calendar.Add(dispatched.At, calendar.LengthOf(context.Disputes.Window));
    }

    private void DoDispute(DisputeDispatch c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Dispute, TicketState.Dispatched, TicketState.InProgress);
        var department = RequireAssigned(c.Department, TicketActions.Dispute);
        if (department != Lead)
        {
            throw new TicketConflictException(State, $"Only the lead department {Lead} can dispute the dispatch; a co-handler steps out with a return.");
        }

        var reason = RequireText(c.Reason, "reason");
        var suggested = Optional(c.Suggested, "suggested");
        if (suggested is not null)
        {
            RequireDepartment(suggested, "suggested", context);
            if (suggested == department)
            {
                throw new TicketInputException("suggested", "suggested must be another department than the one disputing.");
            }
        }

        var windowEnds = DisputeWindowEnds(context)!.Value;
        if (context.Now > windowEnds)
        {
            throw new TicketConflictException(State,
                $"The dispute window of ticket {Id} closed at {context.Sla.Calendar.ToLocal(windowEnds):yyyy-MM-dd HH:mm}; a return (退单) now goes to the same review.");
        }

        RaiseDispute(DisputeKind.Dispatch, department, reason, suggested, actor, context);
    }

    /// <summary>
    /// True when a return by the lead needs the review's decision: past the dispute window, or at any time for a
    /// ticket the upper platform handed down, whose return is a request to that platform (docs/platform.md).
    /// </summary>
    private bool ReturnNeedsReview(string department, TicketContext context) =>
        department == Lead && (Upstream is not null || context.Now > DisputeWindowEnds(context));

    private void RaiseDispute(DisputeKind kind, string department, string reason, string? suggested, Actor actor, TicketContext context)
    {
        RequireNoOpenDispute();
        var calendar = DisputeCalendar(context);
        var reviewBy = calendar.Add(context.Now, calendar.LengthOf(context.Disputes.Review));
        (_disputes ??= []).Add(new Dispute(LastSeq + 1, kind, department, reason, suggested, context.Now, reviewBy));
        Log(context.Now, actor, kind == DisputeKind.Dispatch ? TicketActions.Dispute : TicketActions.ReturnRequest, State, reason, department);
    }

    private void DoDecideDispute(DecideDispute c, Actor actor, TicketContext context)
    {
        var dispute = OpenDispute ?? throw new TicketConflictException(State, $"Ticket {Id} has no dispute waiting for review.");
        var note = RequireText(c.Note, "note");
        var decided = dispute with { DecidedBy = actor.Name, DecidedAt = context.Now, Note = note };
        if (!c.Upheld)
        {
            // The ticket stays where it is, and its clocks never stopped: nothing but the record changes.
            _disputes![^1] = decided with { Upheld = false };
            Log(context.Now, actor, dispute.Kind == DisputeKind.Dispatch ? TicketActions.DisputeRejected : TicketActions.ReturnRefused,
                State, note, dispute.Department);
            return;
        }

        RequireState(TicketActions.DecideDispute, TicketState.Dispatched, TicketState.InProgress);
        if (Lead != dispute.Department)
        {
            throw new TicketConflictException(State, $"Ticket {Id} is no longer led by {dispute.Department}; reject the dispute instead.");
        }

        var lead = Optional(c.Lead, "lead") ?? (dispute.Kind == DisputeKind.Dispatch ? dispute.Suggested : null);
        DispatchTicket? dispatch = null;
        var targets = default((List<string> Co, string? Note));
        if (lead is not null)
        {
            if (lead == dispute.Department)
            {
                throw new TicketInputException("lead", $"An upheld dispute sends the ticket away from {lead}, not back to it.");
            }

            dispatch = new DispatchTicket(lead, [.. Co.Select(h => h.Department).Where(d => d != lead)], note);
            targets = DispatchTargets(dispatch, context);
        }
        else if (dispute.Kind == DisputeKind.Dispatch)
        {
            throw new TicketInputException("lead", "lead is required: the department the ticket goes to, as the dispute suggested none.");
        }

        _disputes![^1] = decided with { Upheld = true, NewLead = lead };
        if (dispute.Kind == DisputeKind.Dispatch)
        {
            // Back with the dispatcher for an instant, as after a return, but no return is counted.
            ClearAssignment();
            Log(context.Now, actor, TicketActions.DisputeUpheld, TicketState.Accepted, note, dispute.Department);
            WithdrawCharges(dispute.Department, context.Now);
        }
        else
        {
            Log(context.Now, actor, TicketActions.ReturnApproved, State, note, dispute.Department);
            ReturnToDispatcher(dispute.Department, dispute.Reason, actor, context);
        }

        if (dispatch is not null)
        {
            Dispatch(dispatch, targets, actor, context);
        }
    }

    /// <summary>
    /// A misrouted dispatch costs its department nothing (docs/domain.md §9): the dispatch and the cards of this
    /// round charged to it are withdrawn, each by an event that takes its counts back on the day they were made.
    /// </summary>
    private void WithdrawCharges(string department, DateTimeOffset now)
    {
        var dispatched = History.Last(e => e.Action == TicketActions.Dispatch);
        Withdraw(now, TicketActions.Dispatch, department, dispatched.At, null);
        var charged = Cards.Where(card => card.Round == Round && card.Department == department).ToList();
        foreach (var card in charged)
        {
            Withdraw(now, card.Kind == CardKind.Yellow ? TicketActions.YellowCard : TicketActions.RedCard, department, card.DueAt, card.Step);
        }

        Cards = [.. Cards.Except(charged)];
    }

    private void Withdraw(DateTimeOffset now, string action, string department, DateTimeOffset madeAt, DeadlineStep? step) =>
        Log(now, Actor.System, TicketActions.Withdrawn, State, action, department, dueAt: madeAt, step: step);

    /// <summary>Raises the review alert once the limit has passed with the dispute still open; the grain wakes for it as for a card.</summary>
    private void RecordOverdueReview(DateTimeOffset now)
    {
        if (OpenDispute is { AlertAt: { } alertAt } open && now >= alertAt)
        {
            _disputes![^1] = open with { Overdue = true };
            Log(now, Actor.System, TicketActions.DisputeOverdue, State, $"review due {alertAt:O}", open.Department);
        }
    }

    private void RequireNoOpenDispute()
    {
        if (OpenDispute is { } open)
        {
            throw new TicketConflictException(State, $"Ticket {Id} already has a {Name(open.Kind)} of {open.Department} waiting for review.");
        }
    }

    private WorkingCalendar DisputeCalendar(TicketContext context) => Urgent ? WorkingCalendar.AroundTheClock : context.Sla.Calendar;

    private static string Name(DisputeKind kind) => kind == DisputeKind.Dispatch ? "dispute (派单异议)" : "return (退单)";
}
