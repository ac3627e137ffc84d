using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Measures;

/// <summary>
/// Which counters an event of a ticket's history adds to. Cards count on the day they fell due, not
/// the day they were noticed, so an outage does not move them.
/// </summary>
public static class TicketMeasures
{
    public static IEnumerable<MeasureFact> Of(TicketEvent e, WorkingCalendar calendar)
    {
        var day = calendar.LocalDate(e.DueAt ?? e.At);
        MeasureFact Fact(string measure) => new(day, measure, e.Department);

        switch (e.Action)
        {
            case TicketActions.Accept:
                yield return Fact(Measure.Accepted);
                break;
            case TicketActions.ResolveNow:
                yield return Fact(Measure.Resolved);
                yield return Fact(Measure.SurveyEligible);
                if (e.KnowledgeEntry is not null) yield return Fact(Measure.ResolvedWithKnowledge);
                break;
            case TicketActions.Dispatch:
                yield return Fact(Measure.Dispatched);
                break;
            case TicketActions.Redispatch:
                // The new lead answers for a dispatch of its own; the re-dispatch counts against the lead it was taken from.
                yield return Fact(Measure.Dispatched);
                yield return new MeasureFact(day, Measure.Redispatched, e.FromDepartment);
                break;
            case TicketActions.Sign:
                yield return Fact(Measure.Signed);
                if (e.OnTime == true) yield return Fact(Measure.SignedOnTime);
                break;
            case TicketActions.Return when e.ToState == TicketState.Accepted:
                // A co-handler stepping out is not a misroute of the ticket; the lead returning it is.
                yield return Fact(Measure.Returned);
                break;
            case TicketActions.Reply when e.Note == Ticket.AfterRework:
                // The dispatch was answered once, and the resident was not asked about the reply sent back.
                break;
            case TicketActions.Rework:
                yield return Fact(Measure.Reworked);
                break;
            case TicketActions.Reply when e.FromState == TicketState.Reopened:
                // Rework after a dissatisfied survey: the resident is asked again, but the dispatch was answered once.
                yield return Fact(Measure.SurveyEligible);
                break;
            case TicketActions.Reply:
                yield return Fact(Measure.Replied);
                yield return Fact(Measure.SurveyEligible);
                if (e.OnTime == true) yield return Fact(Measure.RepliedOnTime);
                if (e.CommittedMinutes > 0)
                {
                    yield return Fact(Measure.CommittedMinutes) with { Amount = e.CommittedMinutes };
                    yield return Fact(Measure.WorkedMinutes) with { Amount = e.WorkedMinutes };
                }

                break;
            case TicketActions.MasterReplied when e.Note == Ticket.AnsweredAgain:
                // The merged ticket's resident was asked once, about the master's first answer.
                break;
            case TicketActions.MasterReplied:
                yield return Fact(Measure.SurveyEligible);
                break;
            case TicketActions.Survey:
                yield return Fact(Measure.Surveyed);
                if (e.Rating is SurveyRating.Satisfied or SurveyRating.Basic) yield return Fact(Measure.Satisfied);
                if (e.ToState == TicketState.Reopened) yield return Fact(Measure.Reopened);
                break;
            case TicketActions.YellowCard:
                yield return Fact(Measure.YellowCards);
                break;
            case TicketActions.RedCard:
                yield return Fact(Measure.RedCards);
                if (e.Step == DeadlineStep.Reply) yield return Fact(Measure.Overdue);
                break;
            case TicketActions.Supervise:
                yield return Fact(Measure.Supervised);
                break;
            case TicketActions.Merge:
                yield return Fact(Measure.Merged);
                break;
            case TicketActions.Urge:
                yield return Fact(Measure.Urged);
                break;
            case TicketActions.Dispute:
                yield return Fact(Measure.Disputed);
                break;
            case TicketActions.DisputeUpheld:
                yield return Fact(Measure.DisputesUpheld);
                break;
            case TicketActions.Withdrawn when e.Note is { } withdrawn:
                // Takes back exactly what the withdrawn step counted, on the day it counted it.
                var original = e with { Action = withdrawn, At = e.DueAt ?? e.At };
                original.DueAt = withdrawn == TicketActions.Dispatch ? null : e.DueAt;
                foreach (var fact in Of(original, calendar))
                {
                    yield return fact with { Amount = -fact.Amount };
                }

                break;
        }
    }
}
