using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// A ticket whose routing a person corrected: a dispatcher chose another department than the router
/// suggested, or re-dispatched a ticket the first department returned (退单) or disputed with success (派单异议). Its text and the
/// department it really belonged to become a labelled example at the next retraining.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.routing-correction.v1")]
public sealed record RoutingCorrection(
    [property: Id(0)] string TicketId,
    [property: Id(1)] int Seq,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Suggested,
    [property: Id(4)] string Department,
    [property: Id(5)] string Kind,
    [property: Id(6)] string By,
    [property: Id(7)] DateTimeOffset At)
{
    /// <summary>A dispatcher chose another department than the router's first suggestion.</summary>
    public const string Override = "override";

    /// <summary>A returned ticket was dispatched again to another department, or a dispatched one moved to another (改派).</summary>
    public const string Redispatch = "redispatch";

    /// <summary>
    /// The correction a dispatch event makes, if any: the dispatch at <paramref name="dispatchIndex"/>
    /// of the ticket's history overrides the router, or follows a return from another department.
    /// </summary>
    public static RoutingCorrection? Of(TicketSnapshot ticket, int dispatchIndex)
    {
        var dispatch = ticket.History[dispatchIndex];
        if (dispatch is { Action: TicketActions.Redispatch, FromDepartment: var from, Department: { } to })
        {
            return new RoutingCorrection(ticket.Id, dispatch.Seq, ticket.Content, from, to, Redispatch, dispatch.Actor, dispatch.At);
        }

        if (dispatch.Action != TicketActions.Dispatch || dispatch.Department is not { } department)
        {
            return null;
        }

        var earlier = ticket.History.Take(dispatchIndex).ToList();
        // An upheld dispute (派单异议) took the ticket from its department as surely as a return.
        var returned = earlier.LastOrDefault(e => e is { Action: TicketActions.Return, ToState: TicketState.Accepted } or { Action: TicketActions.DisputeUpheld });
        var previousDispatch = earlier.LastOrDefault(e => e.Action == TicketActions.Dispatch);
        if (returned is not null && previousDispatch is not null && returned.Seq > previousDispatch.Seq && returned.Department != department)
        {
            return new RoutingCorrection(ticket.Id, dispatch.Seq, ticket.Content, returned.Department, department, Redispatch, dispatch.Actor, dispatch.At);
        }

        var suggested = ticket.Suggestions is [var top, ..] ? top.Code : null;
        return previousDispatch is null && suggested is not null && suggested != department && dispatch.Actor != RoutingActors.Router
            ? new RoutingCorrection(ticket.Id, dispatch.Seq, ticket.Content, suggested, department, Override, dispatch.Actor, dispatch.At)
            : null;
    }
}
