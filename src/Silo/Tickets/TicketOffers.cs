using System.Collections.Immutable;
using System.Security.Claims;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Disputes;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Authorization;

namespace HotlineDispatch.Silo.Tickets;

/// <summary>
/// The steps a user may take on a ticket now, named as their routes (<c>sign</c>, <c>extension/decision</c>…). Each is
/// checked as the API checks it: the route's policy and the user's department here, then the step itself by the ticket's
/// grain (<see cref="TicketStepTrial"/>). So the console offers exactly what the API accepts, from the same rules.
/// </summary>
public sealed class TicketOffers(IAuthorizationService authorization, IGrainFactory grains)
{
    private static readonly (string Step, string Policy)[] Routes =
    [
        (TicketStepTrial.ResolveNow, Policies.Intake),
        (TicketStepTrial.Dispatch, Policies.Intake),
        (TicketStepTrial.MergeInto, Policies.Intake),
        (TicketStepTrial.Supplement, Policies.Intake),
        (TicketStepTrial.Redispatch, Policies.Redispatch),
        (TicketStepTrial.Sign, Policies.DepartmentWork),
        (TicketStepTrial.Return, Policies.DepartmentWork),
        (TicketStepTrial.AwaitResident, Policies.DepartmentWork),
        (TicketStepTrial.ResidentInfo, Policies.ResidentContact),
        (TicketStepTrial.Contribute, Policies.DepartmentWork),
        (TicketStepTrial.Extension, Policies.DepartmentWork),
        (TicketStepTrial.Reply, Policies.DepartmentWork),
        (TicketStepTrial.ExtensionDecision, Policies.Supervision),
        (TicketStepTrial.Rework, Policies.Closing),
        (TicketStepTrial.Survey, Policies.Intake),
        (TicketStepTrial.SurveyUnreachable, Policies.Intake),
        (TicketStepTrial.Supervise, Policies.Supervision),
        (TicketStepTrial.Close, Policies.Closing),
        (TicketStepTrial.Urge, Policies.Urging),
        (TicketStepTrial.Dispute, Policies.DepartmentWork),
        (TicketStepTrial.DisputeDecision, DisputesApi.ReviewPolicy),
    ];

    /// <summary>Takes the ticket's summary: who may see it and its number are all this side needs; the grain has the rest.</summary>
    public async Task<IReadOnlyList<string>> ForAsync(TicketSummary ticket, ClaimsPrincipal principal)
    {
        var user = CurrentUser.From(principal);
        if (!user.MaySee(ticket))
        {
            return [];
        }

        var permitted = ImmutableArray.CreateBuilder<string>();
        foreach (var (step, policy) in Routes)
        {
            if ((await authorization.AuthorizeAsync(principal, policy)).Succeeded)
            {
                permitted.Add(step);
            }
        }

        // A department user acts for its own department; everyone else for the lead, as the department page does.
        var actingFor = user.Role == Roles.Department ? user.Department : null;
        return permitted.Count == 0
            ? []
            : await grains.GetGrain<ITicketGrain>(ticket.Id).Offer(permitted.ToImmutable(), user.Actor, actingFor);
    }
}
