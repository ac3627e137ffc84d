using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Grid;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>Runs ticket steps for a signed-in user: scoping to the user's department, and the view.</summary>
public sealed class TicketSteps(IGrainFactory grains, TicketIntake intake, SlaPolicy sla, SqlGridRegistry registry)
{
    public async Task<TicketView> Accept(AcceptTicket command, CurrentUser user) =>
        View(await intake.AcceptAsync(command, user.Actor), user);

    /// <summary>
    /// Runs a step. <paramref name="actingDepartment"/> is the department the step is taken for; a
    /// department user may act only for its own, and only on tickets dispatched to it.
    /// </summary>
    public async Task<IResult> Run(string id, HttpContext http, TicketCommand command, string? actingDepartment = null)
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
        return Results.Ok(View(ticket, user));
    }

    public Task<Ticket> Read(string id) => Grain(id).Get();

    public TicketView View(Ticket ticket, CurrentUser user) => TicketView.Of(ticket, user, sla.Calendar, registry.Current);

    /// <summary>Only well-formed numbers reach a grain, so no request invents keys of its own shape.</summary>
    private ITicketGrain Grain(string id) =>
        TicketNumbers.IsWellFormed(id) ? grains.GetGrain<ITicketGrain>(id) : throw new TicketNotFoundException(id);
}
