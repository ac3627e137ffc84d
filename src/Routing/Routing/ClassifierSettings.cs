namespace HotlineDispatch.Routing;

/// <summary>How one text classifier is featurised and regularised.</summary>
/// <param name="CharNgrams">The longest character n-gram; all shorter ones down to single characters are kept too.</param>
/// <param name="WordNgrams">The longest n-gram of segmented words (<see cref="WordSegmenter"/>), from single words up.</param>
/// <param name="L2">The L2 regularisation of the maximum-entropy trainer: larger generalises more and memorises less.</param>
/// <param name="Cues">Whether the <see cref="RequestCues"/> of asking and telling join the segmented words as tokens of their own.</param>
/// <param name="CalibrationFolds">Folds of the cross-validation whose out-of-fold predictions fit the temperature; 0 fits none.</param>
public sealed record ClassifierSettings(int CharNgrams = 2, int WordNgrams = 1, float L2 = 0.05f, int CalibrationFolds = 3, bool Cues = false);
