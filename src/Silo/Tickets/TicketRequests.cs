using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Tickets;

// The JSON bodies of /api/v1/tickets. Every field is nullable: a missing one is answered with a 400
// that names it, by the domain or by TicketsApi, rather than by a serializer exception.

public sealed record CallerRequest(string? Name, string? Phone, bool? Anonymous);

public sealed record CreateTicketRequest(
    string? Channel, CallerRequest? Caller, string? Address, string? GridCell, string? Content, string? Type, bool? Urgent,
    DispatchRequest? Dispatch = null);

public sealed record ResolveNowRequest(string? Answer, string? KnowledgeEntry);

public sealed record DispatchRequest(string? Lead, IReadOnlyList<string>? Co, string? Note)
{
    public DispatchTicket ToCommand() => new(Lead ?? "", Co ?? [], Note);
}

public sealed record DepartmentRequest(string? Department);

public sealed record RedispatchRequest(string? Lead, IReadOnlyList<string>? Co, string? Reason)
{
    public RedispatchTicket ToCommand() => new(Lead ?? "", Co ?? [], Reason ?? "");
}

public sealed record ContributionRequest(string? Department, string? Text);

public sealed record ReturnRequest(string? Department, string? Reason);

public sealed record TextRequest(string? Text);

public sealed record ExtensionRequestBody(string? Department, string? Extra, string? Reason);

public sealed record ExtensionDecisionRequest(bool? Approve, string? Note);

public sealed record ReplyRequest(string? Department, string? Result);

public sealed record SurveyRequest(string? Rating, string? Comment);

public sealed record NoteRequest(string? Note);
public sealed record ReasonRequest(string? Reason);

public sealed record MergeRequest(string? MasterId);
