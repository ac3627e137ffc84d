using HotlineDispatch.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Takes a new ticket in from any source (the API, a channel): gives it the next number of the
/// centre's local day and accepts it. The ticket is durable when this returns.
/// </summary>
public sealed class TicketIntake(IGrainFactory grains, SlaPolicy sla, [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
{
    public async Task<Ticket> AcceptAsync(AcceptTicket command, Actor actor) =>
        await AcceptAsAsync(await ReserveNumberAsync(), command, actor);

    /// <summary>
    /// The next number of the centre's local day. A channel that must create exactly one ticket per
    /// provider message records the number before accepting under it with <see cref="AcceptAsAsync"/>.
    /// </summary>
    public async Task<string> ReserveNumberAsync()
    {
        var day = sla.Calendar.LocalDate(time.GetUtcNow());
        var sequence = await grains.GetGrain<ITicketNumberGrain>(TicketNumbers.DayKey(day)).Next();
        return TicketNumbers.Format(day, sequence);
    }

    /// <summary>Accepts under a reserved number; when a ticket already stands there (a retry after a crash), returns it unchanged.</summary>
    public async Task<Ticket> AcceptAsAsync(string number, AcceptTicket command, Actor actor)
    {
        var grain = grains.GetGrain<ITicketGrain>(number);
        try
        {
            return await grain.Execute(command, actor);
        }
        catch (TicketConflictException)
        {
            // Numbers are never handed out twice, so the ticket standing there is the one this caller accepted before.
            return await grain.Get();
        }
    }
}
