"""Reference for ClassificationReferenceTests: unpenalised logistic and softmax
regression with scikit-learn.

Binary: 200 points, 2 features, labels from a Bernoulli draw with
p = sigmoid(0.5 + 1.5 x1 - 2 x2) (overlapping classes, so the MLE exists).
Softmax: 3 classes, 240 points, 2 features, labels drawn from softmax of
linear logits. Both fitted with LogisticRegression(penalty=None, solver="newton-cg",
tol=1e-12): the exact maximum-likelihood estimates.

Softmax parameters are identifiable only up to a shift per feature (adding the same
vector to every class's coefficients leaves the probabilities unchanged), so the
fixture records class-difference coefficients W_k - W_0 and b_k - b_0 (k = 1, 2).

Run: python3 classification.py > classification.json
"""

import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(7)

# Binary
n = 200
X = rng.normal(size=(n, 2))
p = 1 / (1 + np.exp(-(0.5 + 1.5 * X[:, 0] - 2.0 * X[:, 1])))
y = (rng.uniform(size=n) < p).astype(int)
lr = LogisticRegression(penalty=None, solver="newton-cg", tol=1e-12, max_iter=10000)
lr.fit(X, y)
binary = {
    "x1": X[:, 0].tolist(),
    "x2": X[:, 1].tolist(),
    "y": y.tolist(),
    "b0": float(lr.intercept_[0]),
    "b1": float(lr.coef_[0, 0]),
    "b2": float(lr.coef_[0, 1]),
}

# Softmax, 3 classes
m = 240
Z = rng.normal(size=(m, 2))
W = np.array([[0.0, 0.0], [1.5, -1.0], [-1.0, 2.0]])
b = np.array([0.0, 0.3, -0.2])
logits = Z @ W.T + b
prob = np.exp(logits - logits.max(axis=1, keepdims=True))
prob /= prob.sum(axis=1, keepdims=True)
labels = np.array([rng.choice(3, p=row) for row in prob])
sm = LogisticRegression(penalty=None, solver="newton-cg", tol=1e-12, max_iter=10000)
sm.fit(Z, labels)
coef = sm.coef_ - sm.coef_[0]
intercept = sm.intercept_ - sm.intercept_[0]
softmax = {
    "x1": Z[:, 0].tolist(),
    "x2": Z[:, 1].tolist(),
    "labels": labels.tolist(),
    "classes": 3,
    "intercepts_minus_class0": intercept.tolist(),
    "coefficients_minus_class0": coef.tolist(),
}

print(
    json.dumps(
        {
            "description": "scikit-learn LogisticRegression(penalty=None, solver='newton-cg', "
            "tol=1e-12): binary logistic and 3-class multinomial (softmax) regression",
            "sklearn": sklearn.__version__,
            "binary": binary,
            "softmax": softmax,
        },
        indent=1,
    )
)
