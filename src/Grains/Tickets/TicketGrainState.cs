namespace HotlineDispatch.Tickets;

/// <summary>The ticket plus the grain's own bookkeeping of what it has told the read model and the reminder service.</summary>
[GenerateSerializer, Alias("hotline.ticket-grain-state.v1")]
public sealed class TicketGrainState
{
    [Id(0)] public Ticket Ticket { get; set; } = new();

    /// <summary>History up to here is in the read model; the rest is projected again after a crash.</summary>
    [Id(1)] public int ProjectedSeq { get; set; }

    /// <summary>When the registered reminder next fires, or null when none is registered.</summary>
    [Id(2)]
    public DateTimeOffset? ReminderAt
    {
        get => PackedTime.Unpack(_reminderAtTicks, _reminderAtOffset);
        set => PackedTime.Pack(value, out _reminderAtTicks, out _reminderAtOffset);
    }

    // A PackedTime: every idle ticket grain keeps it in memory.
    [NonSerialized] private long _reminderAtTicks;
    [NonSerialized] private short _reminderAtOffset;

    // Null when nothing is pending, which is almost always: an idle grain holds no list for it.
    [Id(3)] private List<PendingNotice>? _notices;

    /// <summary>Results and archiving a master still has to pass on to its merged tickets; saved with the step that caused them.</summary>
    public IReadOnlyList<PendingNotice> Notices => _notices ?? (IReadOnlyList<PendingNotice>)[];

    public void AddNotices(IEnumerable<PendingNotice> notices)
    {
        foreach (var notice in notices)
        {
            (_notices ??= []).Add(notice);
        }
    }

    public void RemoveNotices(IReadOnlyCollection<PendingNotice> delivered)
    {
        _notices?.RemoveAll(delivered.Contains);
        if (_notices is { Count: 0 })
        {
            _notices = null;
        }
    }
}
