namespace HotlineDispatch.Tickets;

/// <summary>
/// The steps a ticket accepts. Each is a versioned message: it crosses the grain boundary, so every
/// field keeps its <c>Id</c> for good.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.v1")]
public abstract record TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.accept.v1")]
public sealed record AcceptTicket(
    [property: Id(0)] TicketChannel Channel,
    [property: Id(1)] Caller Caller,
    [property: Id(2)] string Address,
    [property: Id(3)] string? GridCell,
    [property: Id(4)] string Content,
    [property: Id(5)] TicketType Type,
    [property: Id(6)] bool Urgent) : TicketCommand
{
    /// <summary>Photos, recordings and other media the report came with, as URLs.</summary>
    [Id(7)] public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>The provider's id of the message the ticket came from (MessageSid, MsgId, group message id).</summary>
    [Id(8)] public string? SourceRef { get; init; }

    /// <summary>Where answers to the resident go, as <c>scheme:address</c> (e.g. <c>sms:+8613812345678</c>, <c>wechat:&lt;openid&gt;</c>).</summary>
    [Id(9)] public string? ReplyTo { get; init; }

    /// <summary>The channel told the resident the number in its own answer (TwiML, a passive WeChat reply), so no separate receipt is sent.</summary>
    [Id(10)] public bool ReceiptInline { get; init; }

    /// <summary>The channel had to cut the resident's text to <see cref="Ticket.MaxText"/> characters to make it a ticket.</summary>
    [Id(11)] public bool ContentTruncated { get; init; }

    /// <summary>The router's department suggestions at intake, most likely first.</summary>
    [Id(30)] public IReadOnlyList<HotlineDispatch.Routing.DepartmentGuess> Suggestions { get; init; } = [];

    /// <summary>What made the router flag the report urgent (e.g. 煤气味), when it did.</summary>
    [Id(31)] public string? UrgentCue { get; init; }

    /// <summary>Open tickets of the same cell that read alike at intake: candidates for 并单.</summary>
    [Id(32)] public IReadOnlyList<string> PossibleDuplicates { get; init; } = [];

    /// <summary>
    /// The operator's dispatch, when it is decided while the resident is still on the line: accepted and
    /// dispatched in one step, so the ticket is never seen undispatched and costs one write, not two.
    /// </summary>
    [Id(33)] public DispatchTicket? Dispatch { get; init; }

    /// <summary>For a ticket handed down by the upper platform: its number and deadlines.</summary>
    [Id(40)] public HotlineDispatch.Platform.UpstreamTerms? Upstream { get; init; }
}

[GenerateSerializer, Immutable, Alias("hotline.cmd.resolve-now.v1")]
public sealed record ResolveNow([property: Id(0)] string Answer) : TicketCommand
{
    /// <summary>The knowledge-base entry the answer came from, if any; counted in the direct-answer share.</summary>
    [Id(50)] public string? KnowledgeEntry { get; init; }
}

[GenerateSerializer, Immutable, Alias("hotline.cmd.dispatch.v1")]
public sealed record DispatchTicket(
    [property: Id(0)] string Lead,
    [property: Id(1)] IReadOnlyList<string> Co,
    [property: Id(2)] string? Note) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.sign.v1")]
public sealed record SignTicket([property: Id(0)] string Department) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.return.v1")]
public sealed record ReturnTicket(
    [property: Id(0)] string Department,
    [property: Id(1)] string Reason) : TicketCommand;

/// <summary>改派: the ticket leaves its departments for another lead (and co-handlers), which start fresh limits.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.redispatch.v1")]
public sealed record RedispatchTicket(
    [property: Id(0)] string Lead,
    [property: Id(1)] IReadOnlyList<string> Co,
    [property: Id(2)] string Reason) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.await-resident.v1")]
public sealed record AwaitResident([property: Id(0)] string Text) : TicketCommand
{
    /// <summary>The department asking; only the lead may pause its reply clock. Null when an admin acts.</summary>
    [Id(1)] public string? Department { get; init; }
}

[GenerateSerializer, Immutable, Alias("hotline.cmd.resident-info.v1")]
public sealed record ProvideResidentInfo([property: Id(0)] string Text) : TicketCommand
{
    /// <summary>The department resuming (市民已补充); only the lead, whose clock stopped, may. Null when the call centre or an admin acts.</summary>
    [Id(1)] public string? Department { get; init; }
}

/// <summary>补充: what a resident calling again about an open ticket added, recorded on it instead of a second ticket.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.supplement.v1")]
public sealed record SupplementTicket([property: Id(0)] string Text) : TicketCommand;

/// <summary>A co-handler's (协办) part of the work, which the lead reads before it replies.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.contribute.v1")]
public sealed record ContributeToTicket(
    [property: Id(0)] string Department,
    [property: Id(1)] string Text) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.request-extension.v1")]
public sealed record RequestExtension(
    [property: Id(0)] string Department,
    [property: Id(1)] TimeSpan Extra,
    [property: Id(2)] string Reason) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.decide-extension.v1")]
public sealed record DecideExtension(
    [property: Id(0)] bool Approve,
    [property: Id(1)] string? Note) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.reply.v1")]
public sealed record ReplyTicket(
    [property: Id(0)] string Department,
    [property: Id(1)] string Result) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.rework.v1")]
public sealed record ReworkTicket([property: Id(0)] string Reason) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.survey.v1")]
public sealed record SurveyTicket(
    [property: Id(0)] SurveyRating Rating,
    [property: Id(1)] string? Comment) : TicketCommand;

/// <summary>A survey call that did not reach the resident (no answer, switched off, wrong number).</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.survey-unreachable.v1")]
public sealed record SurveyUnreachable([property: Id(0)] string? Note) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.supervise.v1")]
public sealed record SuperviseTicket([property: Id(0)] string Note) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.merge-into.v1")]
public sealed record MergeTicket([property: Id(0)] string MasterId) : TicketCommand;

[GenerateSerializer, Immutable, Alias("hotline.cmd.close.v1")]
public sealed record CloseTicket : TicketCommand;

/// <summary>Sent by a ticket to its master when it is merged into it.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.attach-merged.v1")]
public sealed record AttachMerged([property: Id(0)] string ChildId) : TicketCommand;

/// <summary>Sent by a master to each merged ticket, so every reporter gets each answer that stands, and a survey once.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.master-replied.v1")]
public sealed record MasterReplied(
    [property: Id(0)] string MasterId,
    [property: Id(1)] string Result) : TicketCommand
{
    /// <summary>The master's lead department, which answered: the merged ticket's survey rates it.</summary>
    [Id(2)] public string? Department { get; init; }

    /// <summary>
    /// Where the reply stands in the master's history: a notice can be delivered again after a crash, or
    /// arrive after a later one, and this tells the merged ticket which it has taken. 0 in notices stored
    /// before masters sent it.
    /// </summary>
    [Id(3)] public int MasterSeq { get; init; }
}

/// <summary>
/// Sent by a master to each merged ticket when its answer goes back for more work, by the closing check (返工)
/// or by its own resident's dissatisfied survey (重办): the merged ticket waits for the master's next answer.
/// </summary>
/// <param name="MasterSeq">Where the step that withdrew the answer stands in the master's history, as <see cref="MasterReplied.MasterSeq"/>.</param>
[GenerateSerializer, Immutable, Alias("hotline.cmd.master-reply-withdrawn.v1")]
public sealed record MasterReplyWithdrawn(
    [property: Id(0)] string MasterId,
    [property: Id(1)] int MasterSeq) : TicketCommand;

/// <summary>Sent by a master to each merged ticket when the master is archived.</summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.master-closed.v1")]
public sealed record MasterClosed([property: Id(0)] string MasterId) : TicketCommand;
