using HotlineDispatch.Alerts;
using HotlineDispatch.Incidents;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Routing;

public sealed class IntakeRouting(
    RoutingAdvisor advisor,
    IGrainFactory grains,
    RoutingOptions options,
    ILogger<IntakeRouting> logger) : IIntakeRouting
{
    public static readonly Actor Router = new(RoutingActors.Router, "system");

    public async Task<AcceptTicket> AdviseAsync(AcceptTicket command)
    {
        // The patterns need no model, so a router still in training never hides a gas leak they know.
        command = command with { UrgentCue = command.UrgentCue ?? UrgencyDetector.Detect(command.Content) };
        try
        {
            var advice = await advisor.AdviseAsync(command.Content, command.Address, command.Type, options.IntakeWait);
            command = command with { Suggestions = advice.Suggestions, UrgentCue = command.UrgentCue ?? advice.UrgentCue };
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The router model is still being trained; ticket accepted without suggestions");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Routing advice failed; the ticket is accepted without suggestions");
        }

        try
        {
            var duplicates = CellKeys.Of(command.GridCell, command.Address) is { } cell
                ? await grains.GetGrain<ICellReportsGrain>(cell).Similar(command.Content, null)
                : [];
            return command with { PossibleDuplicates = duplicates.Select(d => d.TicketId).ToList() };
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Looking for duplicates failed; the ticket is accepted without them");
            return command;
        }
    }

    public async Task<TicketSnapshot> AcceptedAsync(TicketSnapshot ticket)
    {
        LogIfUrgent(ticket);
        await Guarded("surge detection", () => WatchForSurge(ticket));
        return await AutoDispatch(ticket);
    }

    /// <summary>The alert itself is the projection's (<see cref="Alert.ForUrgentTicket"/>): durable with the accept, raised exactly once.</summary>
    private void LogIfUrgent(TicketSnapshot ticket)
    {
        if (ticket.Urgent)
        {
            logger.LogWarning("URGENT ticket {TicketId} ({Why}) at {Address}", ticket.Id, Alert.WhyUrgent(ticket), ticket.Address);
        }
    }

    /// <summary>The new incident's alert is the cell's (<see cref="Alert.ForSurge"/>), saved with the incident.</summary>
    private async Task WatchForSurge(TicketSnapshot ticket)
    {
        if (CellKeys.Of(ticket.GridCell, ticket.Address) is not { } cell)
        {
            return;
        }

        var outcome = await grains.GetGrain<ICellReportsGrain>(cell).Add(new CellReport(ticket.Id, ticket.Content, ticket.AcceptedAt));
        if (outcome is not { Created: true })
        {
            return;
        }

        logger.LogWarning("SURGE {IncidentId} in {Cell}: {Count} similar reports within {Window}",
            outcome.IncidentId, cell, outcome.Reports, options.SurgeWindow);
    }

    private async Task<TicketSnapshot> AutoDispatch(TicketSnapshot ticket)
    {
        if (options.AutoDispatchAbove is not { } threshold || ticket.State != TicketState.Accepted
            || ticket.Suggestions is not [var top, ..] || top.Confidence < threshold)
        {
            return ticket;
        }

        try
        {
            var note = $"auto-dispatched to {top.Code}: confidence {top.Confidence:0.00} ≥ {threshold:0.00}";
            return await grains.GetGrain<ITicketGrain>(ticket.Id).Execute(new DispatchTicket(top.Code, [], note), Router);
        }
        catch (Exception ex) when (ex is TicketConflictException or TicketInputException)
        {
            // Someone acted on the ticket first; theirs is the decision.
            logger.LogInformation(ex, "Ticket {TicketId} was not auto-dispatched", ticket.Id);
            return await grains.GetGrain<ITicketGrain>(ticket.Id).Get();
        }
    }

    private async Task Guarded(string what, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Intake {What} failed; the ticket stays accepted", what);
        }
    }
}
