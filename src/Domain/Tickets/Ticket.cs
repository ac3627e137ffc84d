using HotlineDispatch.Deadlines;
using HotlineDispatch.Disputes;

namespace HotlineDispatch.Tickets;

/// <summary>
/// A 12345 ticket and its state machine (docs/domain.md §3). Pure: every step takes the instant and the
/// rules it needs, checks the state, changes the ticket and appends to its history, or throws
/// <see cref="TicketConflictException"/> / <see cref="TicketInputException"/> and changes nothing.
/// This is also the persisted grain state, so every field keeps its <c>Id</c> for good.
/// </summary>
[GenerateSerializer, Alias("hotline.ticket.v1")]
public sealed partial class Ticket
{
    /// <summary>The longest text a ticket holds in any one field, from every source alike.</summary>
    public const int MaxText = 4000;

    private const int MaxAttachments = 20;

    [Id(0)] public string Id { get; private set; } = "";

    /// <summary>For the serializer, and the empty state of a grain that has no ticket yet.</summary>
    public Ticket()
    {
    }

    /// <summary>A ticket about to be accepted under the number it was given.</summary>
    public Ticket(string id) => Id = id;
    [Id(1)] public TicketState State { get; private set; }
    [Id(2)] public TicketChannel Channel { get; private set; }
    [Id(3)] public TicketType Type { get; private set; }
    [Id(4)] public bool Urgent { get; private set; }
    [Id(5)] public string Content { get; private set; } = "";
    [Id(6)] public string Address { get; private set; } = "";
    [Id(7)] public string? GridCell { get; internal set; }
    [Id(8)] public Caller Caller { get; private set; } = new(null, null, false);
    [Id(9)] public string LoggedBy { get; internal set; } = "";
    [Id(10)] public DateTimeOffset AcceptedAt { get; private set; }
    [Id(11)] public string? Lead { get; internal set; }
    // The collections below are empty for most tickets, so an empty one is stored and held as null:
    // an idle grain then carries no list object for them (32 bytes each). Outside the state machine
    // they are read-only; the field types and Ids are those the stored state has always had.
    [Id(12)] private List<CoHandler>? _co;

    public IReadOnlyList<CoHandler> Co { get => _co ?? (IReadOnlyList<CoHandler>)[]; internal set => _co = Held(value); }

    // The lists every ticket has are held as arrays: a List around each would add 32 bytes and some
    // spare capacity to every idle grain. Lists and arrays have the same stored encoding. The ticket's
    // own steps build the new array in place of the field; the copying setters are for everyone else.
    [Id(13)] private Deadline[] _deadlines = [];

    /// <summary>The running deadlines; a step's deadline leaves this list when the step is done.</summary>
    public IReadOnlyList<Deadline> Deadlines { get => _deadlines; internal set => _deadlines = [.. value]; }

    [Id(14)] private List<Card>? _cards;

    public IReadOnlyList<Card> Cards { get => _cards ?? (IReadOnlyList<Card>)[]; internal set => _cards = Held(value); }
    [Id(15)] private TicketEvent[] _history = [];

    public IReadOnlyList<TicketEvent> History { get => _history; internal set => _history = [.. value]; }
    [Id(16)] public SurveyRating? Rating { get; private set; }

    /// <summary>The answer given at intake (直办), the department's reply, or the master's reply for a merged ticket.</summary>
    [Id(17)] public string? Result { get; private set; }

    [Id(18)] public string? MasterId { get; private set; }

    /// <summary>For a merged ticket: the <see cref="MasterReplied.MasterSeq"/> of the latest notice it took from its master.</summary>
    [Id(71)] public int MasterSeqTaken { get; private set; }

    [Id(19)] private List<string>? _mergedIds;

    public IReadOnlyList<string> MergedIds => _mergedIds ?? (IReadOnlyList<string>)[];
    [Id(20)] public ExtensionRequest? PendingExtension { get; private set; }
    [Id(21)] public bool Supervised { get; private set; }

    /// <summary>Counts dispatches and reopenings, so cards of an earlier round are told apart from the current one.</summary>
    [Id(22)] public int Round { get; private set; }

    [Id(23)] public TicketState? StateBeforePause { get; private set; }

    /// <summary>True from a reply (or 直办) until the resident's survey answer for it is in.</summary>
    [Id(24)] public bool AwaitingSurvey { get; private set; }

    /// <summary>The lead's sign-for deadline of the current round, kept after signing for the record.</summary>
    [Id(25)]
    public DateTimeOffset? SignBy
    {
        get => PackedTime.Unpack(_signByTicks, _signByOffset);
        internal set => PackedTime.Pack(value, out _signByTicks, out _signByOffset);
    }

    // This deadline and the next are PackedTimes: every idle ticket grain keeps them in memory.
    [NonSerialized] private long _signByTicks;
    [NonSerialized] private short _signByOffset;

    /// <summary>The reply deadline of the current round, kept after the reply for the record.</summary>
    [Id(26)]
    public DateTimeOffset? ReplyBy
    {
        get => PackedTime.Unpack(_replyByTicks, _replyByOffset);
        internal set => PackedTime.Pack(value, out _replyByTicks, out _replyByOffset);
    }

    [NonSerialized] private long _replyByTicks;
    [NonSerialized] private short _replyByOffset;

    [Id(27)] private List<string>? _attachments;

    public IReadOnlyList<string> Attachments => _attachments ?? (IReadOnlyList<string>)[];

    /// <summary>The provider's id of the message the ticket came from, if any.</summary>
    [Id(28)] public string? SourceRef { get; private set; }

    /// <summary>Where answers to the resident go (<c>scheme:address</c>); null for a walk-in or a call logged by hand.</summary>
    [Id(29)] public string? ReplyTo { get; private set; }

    /// <summary>The receipt with the number went out in the channel's own answer to the report.</summary>
    [Id(30)] public bool ReceiptInline { get; private set; }

    /// <summary>The resident sent more than <see cref="MaxText"/> characters and <see cref="Content"/> holds only their beginning.</summary>
    [Id(31)] public bool ContentTruncated { get; private set; }
    [Id(50)] private HotlineDispatch.Routing.DepartmentGuess[] _suggestions = [];

    /// <summary>The router's department suggestions at intake, most likely first; a dispatch elsewhere is a correction.</summary>
    public IReadOnlyList<HotlineDispatch.Routing.DepartmentGuess> Suggestions { get => _suggestions; internal set => _suggestions = [.. value]; }

    /// <summary>What made the router flag the report urgent, when it did.</summary>
    [Id(51)] public string? UrgentCue { get; private set; }

    /// <summary>Open tickets of the same cell that read alike at intake: candidates for 并单.</summary>
    [Id(52)] private List<string>? _possibleDuplicates;

    public IReadOnlyList<string> PossibleDuplicates => _possibleDuplicates ?? (IReadOnlyList<string>)[];

    /// <summary>The knowledge-base entry an answer at intake (直办) came from, if the operator used one.</summary>
    [Id(70)] public string? KnowledgeEntry { get; private set; }

    public bool Exists => History.Count > 0;

    public int LastSeq => History.Count == 0 ? 0 : History[^1].Seq;

    public bool IsOpen => IsOpenState(State);

    /// <summary>The departments that currently see this ticket: the lead and the co-handlers.</summary>
    public IEnumerable<string> AssignedDepartments => Assigned(Lead, Co);

    internal static bool IsOpenState(TicketState state) => state is not (TicketState.Closed or TicketState.Merged);

    internal static IEnumerable<string> Assigned(string? lead, IEnumerable<CoHandler> co) =>
        lead is null ? [] : co.Select(c => c.Department).Prepend(lead);

    /// <summary>The earliest moment a card can fall due, or null when no clock is running.</summary>
    public DateTimeOffset? NextCardAt =>
        Deadlines.Select(d => d.NextCardAt).Append(OpenDispute?.AlertAt).Where(t => t.HasValue).Min();

    /// <summary>Applies one step. Throws without changing anything when the step is not allowed.</summary>
    public void Execute(TicketCommand command, Actor actor, TicketContext context)
    {
        if (command is AcceptTicket accept)
        {
            // Checked before anything changes, so a refused dispatch leaves no half-accepted ticket behind.
            var targets = accept.Dispatch is { } checking ? DispatchTargets(checking, context) : default;
            Accept(accept, actor, context);
            if (accept.Dispatch is { } dispatch)
            {
                Dispatch(dispatch, targets, actor, context);
            }

            return;
        }

        if (!Exists)
        {
            throw new TicketNotFoundException(Id);
        }

        switch (command)
        {
            case ResolveNow c: DoResolveNow(c, actor, context); break;
            case DispatchTicket c: DoDispatch(c, actor, context); break;
            case SignTicket c: DoSign(c, actor, context); break;
            case ReturnTicket c: DoReturn(c, actor, context); break;
            case RedispatchTicket c: DoRedispatch(c, actor, context); break;
            case AwaitResident c: DoAwaitResident(c, actor, context); break;
            case ProvideResidentInfo c: DoResidentInfo(c, actor, context); break;
            case ContributeToTicket c: DoContribute(c, actor, context); break;
            case SupplementTicket c: DoSupplement(c, actor, context); break;
            case RequestExtension c: DoRequestExtension(c, actor, context); break;
            case DecideExtension c: DoDecideExtension(c, actor, context); break;
            case ReplyTicket c: DoReply(c, actor, context); break;
            case ReworkTicket c: DoRework(c, actor, context); break;
            case SurveyTicket c: DoSurvey(c, actor, context); break;
            case SurveyUnreachable c: DoSurveyUnreachable(c, actor, context); break;
            case SuperviseTicket c: DoSupervise(c, actor, context); break;
            case MergeTicket c: DoMerge(c, actor, context); break;
            case CloseTicket: DoClose(actor, context, TicketActions.Close, null); break;
            case AttachMerged c: DoAttachMerged(c, actor, context); break;
            case MasterReplied c: DoMasterReplied(c, actor, context); break;
            case MasterReplyWithdrawn c: DoMasterReplyWithdrawn(c, actor, context); break;
            case MasterClosed c when c.MasterId == MasterId: DoClose(actor, context, TicketActions.Close, $"master {c.MasterId} closed"); break;
            case MasterClosed: break;
            case EraseCaller c: DoEraseCaller(c, actor, context); break;
            case DisputeDispatch c: DoDispute(c, actor, context); break;
            case DecideDispute c: DoDecideDispute(c, actor, context); break;
            case UrgeTicket c: DoUrge(c, actor, context); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown ticket command.");
        }
    }

    /// <summary>
    /// Checks, without changing anything, that a merge into another ticket is allowed now, so the
    /// master is only touched for a merge that will happen.
    /// </summary>
    public void EnsureCanMergeInto(string masterId)
    {
        if (!Exists)
        {
            // Checked here, not when the step runs: by then the master would already list a ticket that does not exist.
            throw new TicketNotFoundException(Id);
        }

        RequireState(TicketActions.Merge, TicketState.Accepted, TicketState.Dispatched);
        if (string.IsNullOrWhiteSpace(masterId))
        {
            throw new TicketInputException("masterId", "masterId is required.");
        }

        if (!TicketNumbers.IsWellFormed(masterId))
        {
            throw new TicketInputException("masterId", $"'{masterId}' is not a ticket number such as 20261123-000042.");
        }

        if (masterId == Id)
        {
            throw new TicketInputException("masterId", "A ticket cannot be merged into itself.");
        }

        if (MergedIds.Count > 0)
        {
            throw new TicketConflictException(State, $"Ticket {Id} is the master of {MergedIds.Count} merged tickets and cannot itself be merged.");
        }
    }

    /// <summary>Records every card whose moment has come; returns the new ones.</summary>
    public IReadOnlyList<Card> RecordDueCards(DateTimeOffset now)
    {
        var recorded = new List<Card>();
        for (var i = 0; i < _deadlines.Length; i++)
        {
            foreach (var due in _deadlines[i].CardsDue(now))
            {
                _deadlines[i] = _deadlines[i].MarkRecorded(due.Kind);
                var card = new Card(due.Kind, due.Step, due.Department, due.DueAt, now, _deadlines[i].Round);
                (_cards ??= []).Add(card);
                recorded.Add(card);
                Log(now, Actor.System, due.Kind == CardKind.Yellow ? TicketActions.YellowCard : TicketActions.RedCard, State,
                    $"{due.Step.ToString().ToLowerInvariant()} due {due.DueAt:O}", due.Department, dueAt: due.DueAt, step: due.Step);
            }
        }

        RecordOverdueReview(now);
        return recorded;
    }

    private void Accept(AcceptTicket c, Actor actor, TicketContext context)
    {
        if (Exists)
        {
            throw new TicketConflictException(State, $"Ticket {Id} already exists.");
        }

        var content = RequireText(c.Content, "content");
        var address = Optional(c.Address, "address") ?? "";
        var gridCell = Optional(c.GridCell, "gridCell");
        var caller = new Caller(Optional(c.Caller.Name, "caller.name"), Optional(c.Caller.Phone, "caller.phone"), c.Caller.Anonymous,
            c.Caller.Anonymous ? actor.UserId : null);
        var sourceRef = Optional(c.SourceRef, "sourceRef");
        var replyTo = Optional(c.ReplyTo, "replyTo");
        Content = content;
        Address = address;
        GridCell = gridCell;
        Caller = caller;
        Channel = c.Channel;
        _attachments = Held([.. c.Attachments.Take(MaxAttachments)]);
        SourceRef = sourceRef;
        ReplyTo = replyTo;
        ReceiptInline = c.ReceiptInline;
        Upstream = c.Upstream;
        ContentTruncated = c.ContentTruncated;
        Type = c.Type;
        Suggestions = c.Suggestions;
        UrgentCue = c.UrgentCue;
        _possibleDuplicates = Held(c.PossibleDuplicates);
        Urgent = c.Urgent || UrgentCue is not null;
        LoggedBy = actor.Name;
        AcceptedAt = context.Now;
        State = TicketState.Accepted;
        _history = [.. _history, new TicketEvent(1, context.Now, actor.Name, TicketActions.Accept, null, State,
            UrgentCue is null ? null : $"urgency detected: {UrgentCue}")];
    }

    private void DoResolveNow(ResolveNow c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.ResolveNow, TicketState.Accepted);
        Result = RequireText(c.Answer, "answer");
        KnowledgeEntry = Optional(c.KnowledgeEntry, "knowledgeEntry");
        AwaitingSurvey = true;
        Log(context.Now, actor, TicketActions.ResolveNow, TicketState.Resolved, null, result: Result, knowledgeEntry: KnowledgeEntry);
    }

    private void DoDispatch(DispatchTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Dispatch, TicketState.Accepted);
        Dispatch(c, DispatchTargets(c, context), actor, context);
    }

    /// <summary>The dispatch's checked co-handlers and note, or the input error that refuses it.</summary>
    private static (List<string> Co, string? Note) DispatchTargets(DispatchTicket c, TicketContext context)
    {
        RequireDepartment(c.Lead, "lead", context);
        var co = (c.Co ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var department in co)
        {
            RequireDepartment(department, "co", context);
        }

        if (co.Contains(c.Lead))
        {
            throw new TicketInputException("co", $"The lead department {c.Lead} cannot also be a co-handler.");
        }

        return (co, Optional(c.Note, "note"));
    }

    private void Dispatch(DispatchTicket c, (List<string> Co, string? Note) targets, Actor actor, TicketContext context,
        string action = TicketActions.Dispatch, string? fromDepartment = null)
    {
        var (co, note) = targets;
        Round++;
        Lead = c.Lead;
        Co = co.Select(d => new CoHandler(d, null)).ToList();
        var now = context.Now;
        _deadlines = co.Prepend(c.Lead)
            .Select(d => context.Sla.StartSign(now, d, Urgent, Round))
            .Append(context.Sla.StartReply(now, c.Lead, Type, Urgent, Round))
            .Select(d => Stricter(d, context.Sla))
            .ToArray();
        SignBy = DeadlineOf(DeadlineStep.Sign, c.Lead)!.DueAt;
        ReplyBy = DeadlineOf(DeadlineStep.Reply, c.Lead)!.DueAt;
        Log(now, actor, action, TicketState.Dispatched, note, c.Lead, fromDepartment: fromDepartment);
    }

    private void DoSign(SignTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Sign, TicketState.Dispatched, TicketState.InProgress, TicketState.Reopened, TicketState.AwaitingResident);
        var department = RequireAssigned(c.Department, TicketActions.Sign);
        var deadline = DeadlineOf(DeadlineStep.Sign, department)
            ?? throw new TicketConflictException(State, $"{department} has already signed ticket {Id}.");
        _deadlines = [.. Deadlines.Where(d => d != deadline)];
        // While the ticket waits for the resident every clock stands still, so a co-handler signing then is judged at the pause, as its cards are.
        var onTime = (deadline.PausedAt ?? context.Now) <= deadline.DueAt;
        if (department == Lead)
        {
            Log(context.Now, actor, TicketActions.Sign, TicketState.InProgress, null, department, onTime);
        }
        else
        {
            Co = Co.Select(h => h.Department == department ? h with { SignedAt = context.Now } : h).ToList();
            Log(context.Now, actor, TicketActions.Sign, State, "co-handler", department, onTime);
        }
    }

    private void DoReturn(ReturnTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Return, TicketState.Dispatched, TicketState.InProgress);
        var department = RequireAssigned(c.Department, TicketActions.Return);
        var reason = RequireText(c.Reason, "reason");
        if (department != Lead)
        {
            Co = Co.Where(h => h.Department != department).ToList();
            _deadlines = [.. Deadlines.Where(d => d.Department != department)];
            Log(context.Now, actor, TicketActions.Return, State, reason, department);
            return;
        }

        RequireNoOpenDispute();
        if (ReturnNeedsReview(department, context))
        {
            RaiseDispute(DisputeKind.Return, department, reason, null, actor, context);
            return;
        }

        ReturnToDispatcher(department, reason, actor, context);
    }

    private void ReturnToDispatcher(string department, string reason, Actor actor, TicketContext context)
    {
        ClearAssignment();
        Log(context.Now, actor, TicketActions.Return, TicketState.Accepted, reason, department);
    }

    /// <summary>No department and no clock: the ticket waits for the dispatcher.</summary>
    private void ClearAssignment()
    {
        Lead = null;
        Co = [];
        _deadlines = [];
        SignBy = null;
        ReplyBy = null;
        PendingExtension = null;
    }

    /// <summary>
    /// 改派: the departments' clocks stop with their deadlines, so no card falls to them after the move, and the new
    /// lead and co-handlers start under fresh limits, as after a dispatch.
    /// </summary>
    private void DoRedispatch(RedispatchTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Redispatch, TicketState.Dispatched, TicketState.InProgress);
        var dispatch = new DispatchTicket(c.Lead, c.Co, null);
        var (co, _) = DispatchTargets(dispatch, context);
        if (c.Lead == Lead)
        {
            throw new TicketInputException("lead", $"Ticket {Id} is already with {Lead}; 改派 names another department.");
        }

        var reason = RequireText(c.Reason, "reason");
        var from = Lead;
        PendingExtension = null;
        Dispatch(dispatch, (co, reason), actor, context, TicketActions.Redispatch, from);
    }

    private void DoAwaitResident(AwaitResident c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.AwaitResident, TicketState.InProgress, TicketState.Reopened);
        if (c.Department is { } department && department != Lead)
        {
            throw new TicketConflictException(State, $"Only the lead department {Lead} can pause its reply clock to wait for the resident.");
        }

        var text = RequireText(c.Text, "text");
        StateBeforePause = State;
        _deadlines = Deadlines.Select(d => d.Pause(context.Now)).ToArray();
        Log(context.Now, actor, TicketActions.AwaitResident, TicketState.AwaitingResident, text, Lead);
    }

    private void DoResidentInfo(ProvideResidentInfo c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.ResidentInfo, TicketState.AwaitingResident);
        if (c.Department is { } department && department != Lead)
        {
            throw new TicketConflictException(State, $"Only the lead department {Lead}, whose reply clock is paused, can resume it with the resident's answer.");
        }

        var text = RequireText(c.Text, "text");
        _deadlines = Deadlines.Select(d => d.Resume(context.Now, context.Sla)).ToArray();
        ReplyBy = DeadlineOf(DeadlineStep.Reply, Lead)?.DueAt ?? ReplyBy;
        var resumed = StateBeforePause ?? TicketState.InProgress;
        StateBeforePause = null;
        Log(context.Now, actor, TicketActions.ResidentInfo, resumed, text, Lead);
    }

    private void DoSupplement(SupplementTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Supplement, TicketState.Accepted, TicketState.Dispatched, TicketState.InProgress,
            TicketState.AwaitingResident, TicketState.Reopened);
        Log(context.Now, actor, TicketActions.Supplement, State, RequireText(c.Text, "text"), Lead);
    }

    private void DoContribute(ContributeToTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Contribute, TicketState.InProgress, TicketState.Reopened, TicketState.AwaitingResident);
        var department = RequireAssigned(c.Department, TicketActions.Contribute);
        if (department == Lead)
        {
            throw new TicketConflictException(State, $"{Lead} leads ticket {Id} and answers in its reply; contributions are the co-handlers'.");
        }

        if (Co.Single(h => h.Department == department).SignedAt is null)
        {
            throw new TicketConflictException(State, $"{department} has not signed ticket {Id} yet; it signs before it contributes.");
        }

        Log(context.Now, actor, TicketActions.Contribute, State, RequireText(c.Text, "text"), department);
    }

    private void DoRequestExtension(RequestExtension c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.RequestExtension, TicketState.InProgress, TicketState.Reopened);
        var department = RequireAssigned(c.Department, TicketActions.RequestExtension);
        if (department != Lead)
        {
            throw new TicketConflictException(State, $"Only the lead department {Lead} can ask for an extension.");
        }

        if (c.Extra <= TimeSpan.Zero)
        {
            throw new TicketInputException("extra", "extra must be a positive working time, e.g. \"1.00:00:00\" for one working day.");
        }

        if (PendingExtension is not null)
        {
            throw new TicketConflictException(State, "An extension request is already waiting for a decision.");
        }

        var reason = RequireText(c.Reason, "reason");
        PendingExtension = new ExtensionRequest(department, c.Extra, reason, context.Now);
        Log(context.Now, actor, TicketActions.RequestExtension, State, $"{c.Extra}: {reason}", department);
    }

    private void DoDecideExtension(DecideExtension c, Actor actor, TicketContext context)
    {
        var request = PendingExtension
            ?? throw new TicketConflictException(State, $"Ticket {Id} has no extension request waiting for a decision.");
        var note = Optional(c.Note, "note");
        PendingExtension = null;
        if (!c.Approve)
        {
            Log(context.Now, actor, TicketActions.RejectExtension, State, note, request.Department);
            return;
        }

        _deadlines = Deadlines
            .Select(d => d.Step == DeadlineStep.Reply ? d.Extend(context.Sla.CalendarOf(d).LengthOf(request.Extra), context.Sla) : d)
            .ToArray();
        ReplyBy = DeadlineOf(DeadlineStep.Reply, Lead)?.DueAt ?? ReplyBy;
        Log(context.Now, actor, TicketActions.ApproveExtension, State, note ?? request.Extra.ToString(), request.Department);
    }

    private void DoReply(ReplyTicket c, Actor actor, TicketContext context)
    {
        var allowed = Urgent
            ? new[] { TicketState.Dispatched, TicketState.InProgress, TicketState.Reopened }
            : [TicketState.InProgress, TicketState.Reopened];
        RequireState(TicketActions.Reply, allowed);
        var department = RequireAssigned(c.Department, TicketActions.Reply);
        if (department != Lead)
        {
            throw new TicketConflictException(State, $"Only the lead department {Lead} replies; co-handlers contribute through it.");
        }

        Result = RequireText(c.Result, "result");
        var deadline = DeadlineOf(DeadlineStep.Reply, Lead);
        var onTime = context.Now <= (deadline?.DueAt ?? ReplyBy ?? context.Now);
        var afterRework = History.LastOrDefault(e => e.Action is TicketActions.Reply or TicketActions.Rework or TicketActions.Survey)?.Action
            == TicketActions.Rework;
        _deadlines = [];
        PendingExtension = null;
        AwaitingSurvey = true;
        Rating = null;
        Log(context.Now, actor, TicketActions.Reply, TicketState.Replied, afterRework ? AfterRework : null, department, onTime, result: Result,
            minutes: deadline is null ? default : Minutes(deadline, context));
    }

    /// <summary>
    /// The working minutes a reply deadline allowed and those the reply took: the limit, less the working
    /// time still left before the due (which pauses have moved), or plus the working time past it.
    /// </summary>
    private static (int Committed, int Worked) Minutes(Deadline deadline, TicketContext context)
    {
        var calendar = context.Sla.CalendarOf(deadline);
        var left = context.Now <= deadline.DueAt
            ? calendar.WorkingTimeBetween(context.Now, deadline.DueAt)
            : -calendar.WorkingTimeBetween(deadline.DueAt, context.Now);
        return ((int)deadline.Limit.TotalMinutes, (int)Math.Max(0, (deadline.Limit - left).TotalMinutes));
    }

    /// <summary>The note of a reply that answers a rework, which the measures count apart from the first reply.</summary>
    public const string AfterRework = "after rework";

    /// <summary>
    /// The closing check sends a reply back before the resident is asked about it; the lead works on it
    /// again under a new reply limit, as after a dissatisfied survey.
    /// </summary>
    private void DoRework(ReworkTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Rework, TicketState.Replied);
        if (!AwaitingSurvey)
        {
            throw new TicketConflictException(State,
                $"The resident has already answered the survey of ticket {Id}'s reply; a dissatisfied answer reopens it instead.");
        }

        var reason = RequireText(c.Reason, "reason");
        StartReplyRound(context);
        AwaitingSurvey = false;
        Log(context.Now, actor, TicketActions.Rework, TicketState.InProgress, reason, Lead);
    }

    /// <summary>The lead works on the ticket again, under a new reply limit counted from now.</summary>
    private void StartReplyRound(TicketContext context)
    {
        Round++;
        var reply = context.Sla.StartReply(context.Now, Lead!, Type, Urgent, Round);
        _deadlines = [reply];
        ReplyBy = reply.DueAt;
    }

    private void DoSurvey(SurveyTicket c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.Survey, TicketState.Replied, TicketState.Resolved, TicketState.Merged);
        if (!AwaitingSurvey)
        {
            throw new TicketConflictException(State, State == TicketState.Merged
                ? $"Ticket {Id} waits for its master's reply before the resident can be surveyed."
                : $"The survey for the latest reply of ticket {Id} has already been answered.");
        }

        var comment = Optional(c.Comment, "comment");
        AwaitingSurvey = false;
        Rating = c.Rating;
        if (State == TicketState.Merged)
        {
            // The reporter rates the answer it got, which the master's lead gave, not the department it was first sent to.
            var answeredBy = History.Last(e => e.Action == TicketActions.MasterReplied).Department;
            Log(context.Now, actor, TicketActions.Survey, State, comment, answeredBy, rating: c.Rating);
            return;
        }

        if (c.Rating != SurveyRating.Dissatisfied)
        {
            Log(context.Now, actor, TicketActions.Survey, State, comment, Lead, rating: c.Rating);
            return;
        }

        if (State == TicketState.Resolved)
        {
            // An answer at intake that did not satisfy goes back to the dispatcher to be dispatched.
            Log(context.Now, actor, TicketActions.Survey, TicketState.Accepted, comment, rating: c.Rating);
            return;
        }

        StartReplyRound(context);
        Log(context.Now, actor, TicketActions.Survey, TicketState.Reopened, comment, Lead, rating: c.Rating);
    }

    /// <summary>Failed survey calls after which the ticket is archived unsurveyed, as when the survey window passes.</summary>
    public const int MaxSurveyAttempts = 3;

    private void DoSurveyUnreachable(SurveyUnreachable c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.SurveyUnreachable, TicketState.Replied, TicketState.Resolved);
        if (!AwaitingSurvey)
        {
            throw new TicketConflictException(State, $"The survey for the latest answer of ticket {Id} has already been answered.");
        }

        var answered = History.Last(e => e.Action is TicketActions.Reply or TicketActions.ResolveNow).Seq;
        var attempt = History.Count(e => e.Seq > answered && e.Action == TicketActions.SurveyUnreachable) + 1;
        var note = Optional(c.Note, "note");
        Log(context.Now, actor, TicketActions.SurveyUnreachable, State, note is null ? $"attempt {attempt}" : $"attempt {attempt}: {note}");
        if (attempt >= MaxSurveyAttempts)
        {
            AwaitingSurvey = false;
            Log(context.Now, actor, TicketActions.Close, TicketState.Closed,
                $"archived without a survey: the resident could not be reached in {MaxSurveyAttempts} calls");
        }
    }

    private void DoSupervise(SuperviseTicket c, Actor actor, TicketContext context)
    {
        if (NewInstruction(TicketActions.Supervise, c.Note, actor, "supervised") is not { } note)
        {
            return;
        }

        Supervised = true;
        Log(context.Now, actor, TicketActions.Supervise, State, note, Lead);
    }

    /// <summary>
    /// The note of an instruction to an open ticket (督办, 催办), or null when the same one by the same person is the last
    /// thing that happened: a call repeated after a timeout, not a second instruction.
    /// </summary>
    private string? NewInstruction(string action, string? text, Actor actor, string done)
    {
        if (!IsOpen)
        {
            throw new TicketConflictException(State, $"Ticket {Id} is {Name(State)} and can no longer be {done}.");
        }

        var note = RequireText(text, "note");
        return History[^1] is { } last && last.Action == action && last.Note == note && last.Actor == actor.Name ? null : note;
    }

    private void DoMerge(MergeTicket c, Actor actor, TicketContext context)
    {
        EnsureCanMergeInto(c.MasterId);
        MasterId = c.MasterId;
        _deadlines = [];
        var department = Lead;
        Log(context.Now, actor, TicketActions.Merge, TicketState.Merged, $"merged into {c.MasterId}", department);
    }

    private void DoAttachMerged(AttachMerged c, Actor actor, TicketContext context)
    {
        if (State == TicketState.Merged)
        {
            // Where the later of two merges naming each other ends: the refusal says why, not only the state.
            throw new TicketConflictException(State, $"Ticket {Id} has itself been merged into {MasterId}, so no ticket can be merged into it.");
        }

        RequireState(TicketActions.AttachMerged, TicketState.Accepted, TicketState.Dispatched, TicketState.InProgress,
            TicketState.Reopened, TicketState.AwaitingResident);
        if (!MergedIds.Contains(c.ChildId))
        {
            (_mergedIds ??= []).Add(c.ChildId);
            Log(context.Now, actor, TicketActions.AttachMerged, State, c.ChildId);
        }
    }

    /// <summary>The note of a master's answer reaching a merged ticket that had an earlier one: the survey it was asked for covers this one.</summary>
    public const string AnsweredAgain = "answered again";

    private void DoMasterReplied(MasterReplied c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.MasterReplied, TicketState.Merged);
        // A notice stored before masters numbered them is told from a repeat by its text, as it was then.
        if (c.MasterSeq == 0 ? c.MasterId != MasterId || Result == c.Result : !IsNewFromOwnMaster(c.MasterId, c.MasterSeq))
        {
            return;
        }

        var again = History.Any(e => e.Action == TicketActions.MasterReplied);
        Result = c.Result;
        MasterSeqTaken = c.MasterSeq;
        // Each reporter is surveyed once for the one matter, however often the master answers it: the prompt the first
        // answer brought rates the answer that stands when the resident replies, and an answer given stays given.
        AwaitingSurvey = !History.Any(e => e is { Action: TicketActions.Survey, FromState: TicketState.Merged });
        Log(context.Now, actor, TicketActions.MasterReplied, State, again ? AnsweredAgain : c.MasterId, c.Department, result: Result);
    }

    /// <summary>
    /// The master's answer went back for more work, so the one this ticket has no longer stands: the resident is
    /// not asked about it until the master answers again.
    /// </summary>
    private void DoMasterReplyWithdrawn(MasterReplyWithdrawn c, Actor actor, TicketContext context)
    {
        RequireState(TicketActions.MasterReplyWithdrawn, TicketState.Merged);
        if (!IsNewFromOwnMaster(c.MasterId, c.MasterSeq))
        {
            return;
        }

        MasterSeqTaken = c.MasterSeq;
        AwaitingSurvey = false;
        Log(context.Now, actor, TicketActions.MasterReplyWithdrawn, State, c.MasterId);
    }

    /// <summary>
    /// False for a notice from a master whose merge of this ticket never completed (its attach was stored, this
    /// ticket's merge not), which does not speak for this reporter, and for one repeated after the master's crash
    /// or overtaken by a later one.
    /// </summary>
    private bool IsNewFromOwnMaster(string masterId, int masterSeq) => masterId == MasterId && masterSeq > MasterSeqTaken;

    private void DoClose(Actor actor, TicketContext context, string action, string? note)
    {
        if (State == TicketState.Merged && note is not null)
        {
            Log(context.Now, actor, action, TicketState.Closed, note);
            return;
        }

        RequireState(action, TicketState.Replied, TicketState.Resolved);
        if (AwaitingSurvey)
        {
            var answeredAt = History.Last(e => e.Action is TicketActions.Reply or TicketActions.ResolveNow or TicketActions.MasterReplied).At;
            var surveyEnds = context.Sla.SurveyEnds(answeredAt);
            if (context.Now < surveyEnds)
            {
                throw new TicketConflictException(State,
                    $"Ticket {Id} waits for the resident's survey (回访) of its latest answer until {context.Sla.Calendar.ToLocal(surveyEnds):yyyy-MM-dd HH:mm}; it can be archived without one after that.");
            }

            AwaitingSurvey = false;
            note ??= "archived without a survey: the resident did not answer in time";
        }

        Log(context.Now, actor, action, TicketState.Closed, note);
    }

    private Deadline? DeadlineOf(DeadlineStep step, string? department) =>
        Deadlines.FirstOrDefault(d => d.Step == step && d.Department == department);

    private static List<T>? Held<T>(IReadOnlyList<T> items) => items.Count == 0 ? null : [.. items];

    /// <summary>Moves to <paramref name="to"/> (which may be the current state) and appends the event that says so.</summary>
    private void Log(DateTimeOffset at, Actor actor, string action, TicketState to, string? note, string? department = null,
        bool? onTime = null, DateTimeOffset? dueAt = null, SurveyRating? rating = null, DeadlineStep? step = null, string? result = null,
        string? knowledgeEntry = null, (int Committed, int Worked) minutes = default, string? fromDepartment = null)
    {
        _history = [.. _history, new TicketEvent(LastSeq + 1, at, actor.Name, action, State, to, note)
        {
            Department = department,
            OnTime = onTime,
            DueAt = dueAt,
            Rating = rating,
            Step = step,
            Result = result,
            ReplyBy = this.ReplyBy,
            KnowledgeEntry = knowledgeEntry,
            CommittedMinutes = minutes.Committed,
            WorkedMinutes = minutes.Worked,
            FromDepartment = fromDepartment,
        }];
        State = to;
    }

    private void RequireState(string action, params TicketState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new TicketConflictException(State,
                $"Ticket {Id} is {Name(State)}; '{action}' is allowed only when it is {string.Join(" or ", allowed.Select(Name))}.");
        }
    }

    /// <summary>A state as the API spells it (inProgress), so messages match the JSON beside them.</summary>
    private static string Name(TicketState state) => string.Concat(char.ToLowerInvariant(state.ToString()[0]).ToString(), state.ToString()[1..]);

    private string RequireAssigned(string department, string action)
    {
        if (string.IsNullOrWhiteSpace(department))
        {
            throw new TicketInputException("department", "department is required.");
        }

        if (!AssignedDepartments.Contains(department))
        {
            throw new TicketConflictException(State, $"Ticket {Id} is not dispatched to {department}, so it cannot '{action}' it.");
        }

        return department;
    }

    private static void RequireDepartment(string? code, string field, TicketContext context)
    {
        if (!context.Departments.Contains(code))
        {
            throw new TicketInputException(field, $"'{code}' is not a department code; see GET /api/v1/departments.");
        }
    }

    private static string RequireText(string? value, string field) =>
        Optional(value, field) ?? throw new TicketInputException(field, $"{field} is required.");

    private static string? Optional(string? value, string field)
    {
        var trimmed = value is null ? "" : ExternalText.Clean(value).Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return trimmed.Length <= MaxText
            ? trimmed
            : throw new TicketInputException(field, $"{field} is longer than {MaxText} characters.");
    }
}
