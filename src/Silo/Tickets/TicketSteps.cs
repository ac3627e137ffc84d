using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Grid;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>Runs ticket steps for a signed-in user: scoping to the user's department, and the view.</summary>
public sealed class TicketSteps(IGrainFactory grains, TicketIntake intake, SlaPolicy sla, TicketOffers offers, AuditLog audit, SqlGridRegistry registry)
{
    public async Task<TicketView> Accept(AcceptTicket command, CurrentUser user) =>
        View(await intake.AcceptAsync(command, user.Actor), user);

    /// <summary>
    /// Runs a step. <paramref name="actingDepartment"/> is the department the step is taken for; a
    /// department user may act only for its own, and only on tickets dispatched to it.
    /// </summary>
    public async Task<Results<Ok<TicketView>, ProblemHttpResult>> Run(string id, HttpContext http, TicketCommand command, string? actingDepartment = null)
    {
        var user = CurrentUser.From(http.User);
        if (actingDepartment is not null && !user.MayActFor(actingDepartment))
        {
            return Problems.Forbidden($"A {user.Department} handler cannot act for {actingDepartment}.");
        }

        var grain = Grain(id);
        if (user.Role == Roles.Department && !user.MaySee(TicketSummary.Of(await grain.Get())))
        {
            return Problems.Forbidden($"Ticket {id} is not dispatched to {user.Department}.");
        }

        var ticket = command is MergeTicket merge ? await grains.Merge(id, merge, user.Actor) : await grain.Execute(command, user.Actor);
        return TypedResults.Ok(await Shown(ticket, http));
    }

    public Task<TicketSnapshot> Read(string id) => Grain(id).Get();

    public TicketView View(TicketSnapshot ticket, CurrentUser user) => TicketView.Of(ticket, user, sla.Calendar, registry.Current);

    /// <summary>
    /// The ticket as the request's user sees it, with the steps that user may take next (for a client that offers
    /// them, the console), audited when it shows a full phone number or an anonymous reporter. Not used for
    /// intake's answer: it only echoes what the operator has just typed.
    /// </summary>
    public async Task<TicketView> Shown(TicketSnapshot ticket, HttpContext http)
    {
        var view = View(ticket, CurrentUser.From(http.User)) with { Actions = await offers.ForAsync(TicketSummary.Of(ticket), http.User) };
        var caller = view.Caller;
        if (caller.Anonymous && (caller.Name ?? caller.Phone) is not null)
        {
            await audit.RecordAsync(http, AuditActions.ViewAnonymous, ticket.Id, PhoneMask.Mask(caller.Phone));
        }
        else if (caller.Phone is { } phone && phone == ticket.Caller.Phone)
        {
            await audit.RecordAsync(http, AuditActions.ViewPhone, ticket.Id, PhoneMask.Mask(phone));
        }

        return view;
    }

    /// <summary>Only well-formed numbers reach a grain, so no request invents keys of its own shape.</summary>
    private ITicketGrain Grain(string id) =>
        TicketNumbers.IsWellFormed(id) ? grains.GetGrain<ITicketGrain>(id) : throw new TicketNotFoundException(id);
}
