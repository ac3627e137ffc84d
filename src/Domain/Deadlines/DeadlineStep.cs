namespace HotlineDispatch.Deadlines;

/// <summary>The step of the ticket a deadline limits.</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum DeadlineStep : sbyte
{
    /// <summary>签收: the department acknowledges a dispatched ticket.</summary>
    Sign,

    /// <summary>办结反馈: the department replies with the result.</summary>
    Reply,
}
