namespace HotlineDispatch.Residents;

/// <summary>The survey prompts an address was sent, so a bare "1" can be matched to the survey it answers.</summary>
public interface ISurveyPrompts
{
    /// <summary>The tickets whose survey prompt went to <paramref name="replyTo"/>, newest prompt first.</summary>
    Task<IReadOnlyList<string>> TicketsAskedAsync(string replyTo, int limit, CancellationToken cancellationToken = default);
}
