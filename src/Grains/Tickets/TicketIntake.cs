using HotlineDispatch.Deadlines;
using HotlineDispatch.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Takes a new ticket in from any source (the API, a channel): gives it the next number of the
/// centre's local day and accepts it. The ticket is durable when this returns.
/// </summary>
public sealed class TicketIntake(IGrainFactory grains, SlaPolicy sla, [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
{
    public async Task<Ticket> AcceptAsync(AcceptTicket command, Actor actor)
    {
        var day = sla.Calendar.LocalDate(time.GetUtcNow());
        var sequence = await grains.GetGrain<ITicketNumberGrain>(TicketNumbers.DayKey(day)).Next();
        var ticket = await grains.GetGrain<ITicketGrain>(TicketNumbers.Format(day, sequence)).Execute(command, actor);
        HotlineMetrics.Accepted(ticket.Channel);
        return ticket;
    }
}
