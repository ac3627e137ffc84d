namespace HotlineDispatch.Deadlines;

/// <summary>The step of the ticket a deadline limits.</summary>
public enum DeadlineStep
{
    /// <summary>签收: the department acknowledges a dispatched ticket.</summary>
    Sign,

    /// <summary>办结反馈: the department replies with the result.</summary>
    Reply,
}
