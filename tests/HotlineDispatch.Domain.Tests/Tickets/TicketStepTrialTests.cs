using HotlineDispatch.Tickets;
using static HotlineDispatch.Tests.Tickets.SampleTickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>The steps a page offers come from trial runs of the ticket's own rules, each on a copy.</summary>
public sealed class TicketStepTrialTests
{
    private static readonly Actor Zjj = new("zjj1", "department", "ZJJ");
    private static readonly Actor Admin = new("admin", "admin");

    private static readonly string[] Every =
    [
        TicketStepTrial.ResolveNow, TicketStepTrial.Dispatch, TicketStepTrial.MergeInto, TicketStepTrial.Supplement,
        TicketStepTrial.Redispatch, TicketStepTrial.Sign, TicketStepTrial.Return, TicketStepTrial.AwaitResident,
        TicketStepTrial.ResidentInfo, TicketStepTrial.Contribute, TicketStepTrial.Extension, TicketStepTrial.Reply,
        TicketStepTrial.ExtensionDecision, TicketStepTrial.Rework, TicketStepTrial.Survey, TicketStepTrial.SurveyUnreachable,
        TicketStepTrial.Supervise, TicketStepTrial.Close, TicketStepTrial.Urge, TicketStepTrial.Dispute, TicketStepTrial.DisputeDecision,
    ];

    /// <summary>A fresh ticket in the same state for every trial, as the grain's deep copy gives.</summary>
    private static Func<Ticket, Ticket> Again(Func<Ticket> build) => _ => build();

    [Fact]
    public void A_new_ticket_offers_the_intake_steps_and_no_department_work()
    {
        var offered = TicketStepTrial.Allowed(Accepted(), Every, Dispatcher, null, Context, Again(Accepted)).ToHashSet();

        Assert.Superset(new HashSet<string> { TicketStepTrial.Dispatch, TicketStepTrial.ResolveNow, TicketStepTrial.MergeInto }, offered);
        Assert.Empty(offered.Intersect([TicketStepTrial.Sign, TicketStepTrial.Reply, TicketStepTrial.Close]));
    }

    [Fact]
    public void The_lead_may_sign_return_and_dispute_a_fresh_dispatch_but_not_yet_reply()
    {
        var offered = TicketStepTrial.Allowed(Dispatched(), Every, Cgj, "CGJ", Context, Again(() => Dispatched())).ToHashSet();

        Assert.Superset(new HashSet<string> { TicketStepTrial.Sign, TicketStepTrial.Return, TicketStepTrial.Dispute }, offered);
        Assert.Empty(offered.Intersect([TicketStepTrial.Reply, TicketStepTrial.Dispatch]));
    }

    [Fact]
    public void A_department_the_ticket_was_not_sent_to_is_offered_none_of_its_work()
    {
        var offered = TicketStepTrial.Allowed(Dispatched(), Every, Zjj, "ZJJ", Context, Again(() => Dispatched()));

        Assert.Empty(offered.Intersect([TicketStepTrial.Sign, TicketStepTrial.Return, TicketStepTrial.Dispute, TicketStepTrial.Reply]));
    }

    [Fact]
    public void Acting_for_no_department_acts_for_the_lead()
    {
        Assert.Equal([TicketStepTrial.Sign], TicketStepTrial.Allowed(Dispatched(), [TicketStepTrial.Sign], Admin, null, Context, Again(() => Dispatched())).AsEnumerable());
    }

    [Fact]
    public void The_answer_keeps_the_order_asked_and_the_ticket_is_left_as_it_was()
    {
        var ticket = Dispatched();
        var copies = 0;

        var offered = TicketStepTrial.Allowed(ticket, [TicketStepTrial.Urge, TicketStepTrial.Sign, TicketStepTrial.Supervise], Cgj, "CGJ", Context,
            _ => { copies++; return Dispatched(); });

        Assert.Equal([TicketStepTrial.Urge, TicketStepTrial.Sign, TicketStepTrial.Supervise], offered.AsEnumerable());
        Assert.Equal(3, copies);
        Assert.Equal((TicketState.Dispatched, 2), (ticket.State, ticket.History.Count));
    }

    [Fact]
    public void A_step_it_does_not_know_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TicketStepTrial.Allowed(Dispatched(), ["teleport"], Cgj, "CGJ", Context, Again(() => Dispatched())));
    }
}
