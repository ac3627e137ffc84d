using System.Security.Claims;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Disputes;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Authorization;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>
/// The steps a user may take on a ticket now, named as their routes (<c>sign</c>, <c>extension/decision</c>…). Each is
/// checked as the API checks it: the route's policy, the user's department, and the step itself run on a copy of the
/// ticket. So the console offers exactly what the API accepts, from the same rules, and never a step it would refuse.
/// </summary>
public sealed class TicketOffers(IAuthorizationService authorization, TicketGrainServices services, DepartmentCatalog departments)
{
    // Any text passes the steps' checks of free text; only the state and the departments decide.
    private const string Text = "-";

    public async Task<IReadOnlyList<string>> ForAsync(Ticket ticket, ClaimsPrincipal principal)
    {
        var user = CurrentUser.From(principal);
        if (!user.MaySee(TicketSummary.Of(ticket)))
        {
            return [];
        }

        var context = services.ContextAt(services.Time.GetUtcNow());
        var offered = new List<string>();
        foreach (var (step, policy, command) in Candidates(ticket, user))
        {
            if ((await authorization.AuthorizeAsync(principal, policy)).Succeeded && Allows(ticket, command, user, context))
            {
                offered.Add(step);
            }
        }

        return offered;
    }

    private IEnumerable<(string Step, string Policy, TicketCommand Command)> Candidates(Ticket ticket, CurrentUser user)
    {
        // A department user acts for its own department; an admin, for the lead, as the department page does.
        var acting = user.Role == Roles.Department ? user.Department! : ticket.Lead ?? "";
        var own = user.Department;
        var anyDepartment = departments.All.FirstOrDefault(d => d.Code != ticket.Lead)?.Code ?? "";
        yield return ("resolve-now", Policies.Intake, new ResolveNow(Text));
        yield return ("dispatch", Policies.Intake, new DispatchTicket(anyDepartment, [], null));
        yield return ("merge-into", Policies.Intake, new MergeTicket(ticket.Id == Placeholder ? OtherPlaceholder : Placeholder));
        yield return ("supplement", Policies.Intake, new SupplementTicket(Text));
        yield return ("redispatch", Policies.Redispatch, new RedispatchTicket(anyDepartment, [], Text));
        yield return ("sign", Policies.DepartmentWork, new SignTicket(acting));
        yield return ("return", Policies.DepartmentWork, new ReturnTicket(acting, Text));
        yield return ("await-resident", Policies.DepartmentWork, new AwaitResident(Text) { Department = own });
        yield return ("resident-info", Policies.ResidentContact, new ProvideResidentInfo(Text) { Department = own });
        yield return ("contribute", Policies.DepartmentWork, new ContributeToTicket(acting, Text));
        yield return ("extension", Policies.DepartmentWork, new RequestExtension(acting, TimeSpan.FromDays(1), Text));
        yield return ("reply", Policies.DepartmentWork, new ReplyTicket(acting, Text));
        yield return ("extension/decision", Policies.Supervision, new DecideExtension(true, null));
        yield return ("rework", Policies.Closing, new ReworkTicket(Text));
        yield return ("survey", Policies.Intake, new SurveyTicket(SurveyRating.Satisfied, null));
        yield return ("survey-unreachable", Policies.Intake, new SurveyUnreachable(null));
        yield return ("supervise", Policies.Supervision, new SuperviseTicket(Text));
        yield return ("close", Policies.Closing, new CloseTicket());
        yield return ("urge", Policies.Urging, new UrgeTicket(Text));
        yield return ("dispute", Policies.DepartmentWork, new DisputeDispatch(acting, Text, null));
        yield return ("dispute/decision", DisputesApi.ReviewPolicy, new DecideDispute(false, null, Text));
    }

    // A well-formed number the merge check accepts as a master; the master itself is only touched by a real merge.
    private const string Placeholder = "20000101-000001";
    private const string OtherPlaceholder = "20000101-000002";

    private bool Allows(Ticket ticket, TicketCommand command, CurrentUser user, TicketContext context)
    {
        try
        {
            services.Copier.Copy(ticket).Execute(command, user.Actor, context);
            return true;
        }
        catch (Exception ex) when (ex is TicketConflictException or TicketInputException)
        {
            return false;
        }
    }
}
