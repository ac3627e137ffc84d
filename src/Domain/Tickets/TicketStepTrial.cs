using System.Collections.Immutable;
using HotlineDispatch.Disputes;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Which steps the ticket's own rules let someone take now, found by running each on a copy of the ticket: so a page
/// offers exactly what the step would accept, from the same rules, and never a step it would refuse. Who may take a
/// step at all (roles, policies) is for the caller to check first. Steps are named as their routes.
/// </summary>
public static class TicketStepTrial
{
    public const string ResolveNow = "resolve-now";
    public const string Dispatch = "dispatch";
    public const string MergeInto = "merge-into";
    public const string Supplement = "supplement";
    public const string Redispatch = "redispatch";
    public const string Sign = "sign";
    public const string Return = "return";
    public const string AwaitResident = "await-resident";
    public const string ResidentInfo = "resident-info";
    public const string Contribute = "contribute";
    public const string Extension = "extension";
    public const string Reply = "reply";
    public const string ExtensionDecision = "extension/decision";
    public const string Rework = "rework";
    public const string Survey = "survey";
    public const string SurveyUnreachable = "survey-unreachable";
    public const string Supervise = "supervise";
    public const string Close = "close";
    public const string Urge = "urge";
    public const string Dispute = "dispute";
    public const string DisputeDecision = "dispute/decision";

    // Any text passes the steps' checks of free text; only the state and the departments decide.
    private const string Text = "-";

    // A well-formed number the merge check accepts as a master; the master itself is only touched by a real merge.
    private const string Placeholder = "20000101-000001";
    private const string OtherPlaceholder = "20000101-000002";

    /// <summary>
    /// The <paramref name="steps"/> the ticket's rules allow <paramref name="actor"/> now, in the order asked.
    /// <paramref name="actingFor"/> is the department a department user acts for; null acts for the lead, as an admin
    /// on a department's page does. Each trial runs on its own <paramref name="copy"/> of the ticket, which stays as it was.
    /// </summary>
    public static ImmutableArray<string> Allowed(
        Ticket ticket, IEnumerable<string> steps, Actor actor, string? actingFor, TicketContext context, Func<Ticket, Ticket> copy) =>
        [.. steps.Where(step => Allows(copy(ticket), CommandFor(step, ticket, actor, actingFor ?? ticket.Lead ?? "", context), actor, context))];

    private static TicketCommand CommandFor(string step, Ticket ticket, Actor actor, string acting, TicketContext context)
    {
        var own = actor.Department;
        var anyDepartment = context.Departments.All.FirstOrDefault(d => d.Code != ticket.Lead)?.Code ?? "";
        return step switch
        {
            ResolveNow => new ResolveNow(Text),
            Dispatch => new DispatchTicket(anyDepartment, [], null),
            MergeInto => new MergeTicket(ticket.Id == Placeholder ? OtherPlaceholder : Placeholder),
            Supplement => new SupplementTicket(Text),
            Redispatch => new RedispatchTicket(anyDepartment, [], Text),
            Sign => new SignTicket(acting),
            Return => new ReturnTicket(acting, Text),
            AwaitResident => new AwaitResident(Text) { Department = own },
            ResidentInfo => new ProvideResidentInfo(Text) { Department = own },
            Contribute => new ContributeToTicket(acting, Text),
            Extension => new RequestExtension(acting, TimeSpan.FromDays(1), Text),
            Reply => new ReplyTicket(acting, Text),
            ExtensionDecision => new DecideExtension(true, null),
            Rework => new ReworkTicket(Text),
            Survey => new SurveyTicket(SurveyRating.Satisfied, null),
            SurveyUnreachable => new SurveyUnreachable(null),
            Supervise => new SuperviseTicket(Text),
            Close => new CloseTicket(),
            Urge => new UrgeTicket(Text),
            Dispute => new DisputeDispatch(acting, Text, null),
            DisputeDecision => new DecideDispute(false, null, Text),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step of a ticket."),
        };
    }

    private static bool Allows(Ticket trial, TicketCommand command, Actor actor, TicketContext context)
    {
        try
        {
            trial.Execute(command, actor, context);
            return true;
        }
        catch (Exception ex) when (ex is TicketConflictException or TicketInputException)
        {
            return false;
        }
    }
}
