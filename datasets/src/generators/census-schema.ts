/**
 * Categories and weights for `census`. The weights are the value counts of the
 * UCI Adult training file (32,561 rows; Kohavi 1996), so the generated marginals
 * look like the real ones; the conditional tables (marital status by sex and
 * age, occupation by education and sex) are rough hand-made shapes, not fitted.
 */

/** [name, education_num, count in Adult]. */
export const EDUCATION: ReadonlyArray<readonly [string, number, number]> = [
  ['Preschool', 1, 51], ['1st-4th', 2, 168], ['5th-6th', 3, 333], ['7th-8th', 4, 646],
  ['9th', 5, 514], ['10th', 6, 933], ['11th', 7, 1175], ['12th', 8, 433],
  ['HS-grad', 9, 10501], ['Some-college', 10, 7291], ['Assoc-voc', 11, 1382], ['Assoc-acdm', 12, 1067],
  ['Bachelors', 13, 5355], ['Masters', 14, 1723], ['Prof-school', 15, 576], ['Doctorate', 16, 413],
];

/** Without '?', which `census` plants by age. [name, count, income log-odds shift]. */
export const WORKCLASS: ReadonlyArray<readonly [string, number, number]> = [
  ['Private', 22696, 0], ['Self-emp-not-inc', 2541, -0.2], ['Local-gov', 2093, 0.1],
  ['State-gov', 1298, 0], ['Self-emp-inc', 1116, 0.7], ['Federal-gov', 960, 0.5],
  ['Without-pay', 14, -3], ['Never-worked', 7, -3],
];

/**
 * [name, count, education slope, factor for women, income log-odds shift]. The
 * slope tilts an occupation towards more (or less) schooling: weight·e^(slope·(edu-10)).
 */
export const OCCUPATION: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['Prof-specialty', 4140, 0.45, 1.1, 0.6], ['Craft-repair', 4099, -0.15, 0.12, 0],
  ['Exec-managerial', 4066, 0.25, 0.8, 0.8], ['Adm-clerical', 3770, 0, 2.5, -0.2],
  ['Sales', 3650, 0.05, 1, 0.2], ['Other-service', 3295, -0.2, 1.6, -1.2],
  ['Machine-op-inspct', 2002, -0.25, 0.7, -0.3], ['Transport-moving', 1597, -0.2, 0.15, -0.1],
  ['Handlers-cleaners', 1370, -0.3, 0.35, -0.8], ['Farming-fishing', 994, -0.25, 0.25, -0.8],
  ['Tech-support', 928, 0.1, 1.1, 0.3], ['Protective-serv', 649, 0, 0.4, 0.2],
  ['Priv-house-serv', 149, -0.3, 5, -2], ['Armed-Forces', 9, 0, 0.2, 0],
];

export const MARITAL = [
  'Married-civ-spouse', 'Never-married', 'Divorced', 'Separated', 'Widowed',
  'Married-spouse-absent', 'Married-AF-spouse',
] as const;

/** Weights of MARITAL for the age bands <25, 25-34, 35-54, 55+. */
export const MARITAL_BY_AGE: Record<'Male' | 'Female', number[][]> = {
  Male: [
    [10, 88, 1, 1, 0, 0.5, 0.2], [52, 38, 6, 2, 0.2, 1.5, 0.1],
    [72, 10, 12, 3, 0.5, 1.5, 0.05], [74, 5, 9, 2, 8, 1.5, 0.05],
  ],
  Female: [
    [8, 85, 3, 2, 0.2, 1, 0.2], [22, 45, 20, 7, 0.5, 2, 0.1],
    [18, 17, 42, 8, 6, 2, 0.05], [14, 8, 32, 4, 40, 2, 0.05],
  ],
};

export const RELATIONSHIP = ['Husband', 'Wife', 'Own-child', 'Not-in-family', 'Unmarried', 'Other-relative'] as const;

export const RACE: ReadonlyArray<readonly [string, number]> = [
  ['White', 27816], ['Black', 3124], ['Asian-Pac-Islander', 1039], ['Amer-Indian-Eskimo', 311], ['Other', 271],
];

/** Born in these, people are drawn as Asian-Pac-Islander (and only they are), as in Adult. */
export const ASIAN_COUNTRY: ReadonlyArray<readonly [string, number]> = [
  ['Philippines', 198], ['India', 100], ['South', 80], ['China', 75], ['Vietnam', 67], ['Japan', 62],
  ['Taiwan', 51], ['Hong', 20], ['Cambodia', 19], ['Laos', 18], ['Thailand', 18],
];
/** Share of Asian-Pac-Islander people born in ASIAN_COUNTRY (708 of 1,039 in Adult). */
export const ASIAN_FOREIGN_BORN = 0.68;

/** The other countries, without '?' (planted at the real rate). */
export const OTHER_COUNTRY: ReadonlyArray<readonly [string, number]> = [
  ['United-States', 29170], ['Mexico', 643], ['Germany', 137], ['Canada', 121], ['Puerto-Rico', 114],
  ['El-Salvador', 106], ['Cuba', 95], ['England', 90], ['Jamaica', 81], ['Italy', 73],
  ['Dominican-Republic', 70], ['Guatemala', 64], ['Poland', 60], ['Columbia', 59], ['Haiti', 44],
  ['Iran', 43], ['Portugal', 37], ['Nicaragua', 34], ['Peru', 31], ['Greece', 29], ['France', 29],
  ['Ecuador', 28], ['Ireland', 24], ['Trinadad&Tobago', 19], ['Yugoslavia', 16],
  ['Outlying-US(Guam-USVI-etc)', 14], ['Honduras', 13], ['Hungary', 13], ['Scotland', 12],
  ['Holand-Netherlands', 1],
];

/** Missing rates of the real file: 1,836, 1,843 and 583 '?' of 32,561. */
export const MISSING_RATE = { workclass: 1836 / 32561, occupation: 1843 / 32561, native_country: 583 / 32561 };
