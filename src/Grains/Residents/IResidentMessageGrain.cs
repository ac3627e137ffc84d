namespace HotlineDispatch.Residents;

/// <summary>
/// One message a resident sent through a channel that answers in the same exchange, keyed by
/// <see cref="ResidentMessages.Key"/>. The first call answers it; a provider's retry gets the same
/// answer and changes nothing.
/// </summary>
[Alias("hotline.IResidentMessageGrain")]
public interface IResidentMessageGrain : IGrainWithStringKey
{
    [Alias("Answer")]
    Task<string> Answer(ResidentMessage message);

    /// <summary>Deletes the record of the exchange (retention): a retry of the message after it would be a new message.</summary>
    [Alias("Forget")]
    Task Forget();
}
