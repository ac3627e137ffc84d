using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// What the router adds to intake from every source (API, SMS, WeChat, chat groups): suggestions,
/// urgency and possible duplicates before the ticket is accepted; alerts, surges and automatic
/// dispatch after. A failure of either never stops a ticket from being accepted.
/// </summary>
public interface IIntakeRouting
{
    Task<AcceptTicket> AdviseAsync(AcceptTicket command);

    Task<TicketSnapshot> AcceptedAsync(TicketSnapshot ticket);
}
