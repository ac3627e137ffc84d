using HotlineDispatch.Deadlines;
using HotlineDispatch.Observability;
using HotlineDispatch.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Takes a new ticket in from any source (the API, a channel): gives it the next number of the
/// centre's local day and accepts it. The ticket is durable when this returns. With a router
/// registered, the ticket also carries its suggestions and may be dispatched by it.
/// </summary>
public sealed class TicketIntake(
    IGrainFactory grains, SlaPolicy sla, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, IIntakeRouting? routing = null)
{
    public async Task<TicketSnapshot> AcceptAsync(AcceptTicket command, Actor actor) =>
        await AcceptAsAsync(await ReserveNumberAsync(), command, actor);

    /// <summary>
    /// The next number, for a caller that must accept at most once across its own retries: it keeps the
    /// number durably first, then accepts with <see cref="AcceptAsAsync"/>, which it may repeat.
    /// </summary>
    public async Task<string> ReserveNumberAsync()
    {
        var day = sla.Calendar.LocalDate(time.GetUtcNow());
        var sequence = await grains.GetGrain<ITicketNumberGrain>(TicketNumbers.DayKey(day)).Next();
        return TicketNumbers.Format(day, sequence);
    }

    /// <summary>
    /// Accepts under a reserved number. Repeating it for the same source message returns the ticket the
    /// first call accepted, so a retry after a crash between the accept and the caller's own write is harmless.
    /// </summary>
    public async Task<TicketSnapshot> AcceptAsAsync(string number, AcceptTicket command, Actor actor)
    {
        if (routing is not null)
        {
            command = await routing.AdviseAsync(command);
        }

        var grain = grains.GetGrain<ITicketGrain>(number);
        TicketSnapshot ticket;
        try
        {
            ticket = await grain.Execute(command, actor);
            HotlineMetrics.Accepted(ticket.Channel);
        }
        catch (TicketConflictException)
        {
            // Numbers are never handed out twice, so the ticket standing there is the caller's own earlier
            // accept — unless it names another source message, which would be a caller's bug.
            ticket = await grain.Get();
            if (command.SourceRef is not null && ticket.SourceRef != command.SourceRef)
            {
                throw new TicketConflictException(ticket.State, $"Ticket {number} was accepted from another source ({ticket.SourceRef}).");
            }

            if (ticket.History.Length > 1)
            {
                // Someone has acted on it since; what intake would have done next is theirs to decide now.
                return ticket;
            }
        }

        // Also for the caller's own earlier accept that nothing has followed: a crash after it may have come before
        // the surge check or the auto-dispatch, and both are safe to repeat (a cell keeps a report once).
        return routing is null ? ticket : await routing.AcceptedAsync(ticket);
    }
}
