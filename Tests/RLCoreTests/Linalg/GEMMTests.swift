import Testing
@testable import RLCore

@Suite struct GEMMTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesANaiveTripleLoop(transposes: (Bool, Bool)) {
        var rng = RandomStream(seed: 1)
        let (m, n, k) = (5, 4, 3)
        func random(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in rng.nextUniformFloat() - 0.5 })
        }
        let a = transposes.0 ? random(k, m) : random(m, k)
        let b = transposes.1 ? random(n, k) : random(k, n)
        let c = a.multiplied(by: b, transposingSelf: transposes.0, transposingOther: transposes.1)
        for i in 0..<m {
            for j in 0..<n {
                var expected: Float = 0
                for p in 0..<k { expected += (transposes.0 ? a[p, i] : a[i, p]) * (transposes.1 ? b[j, p] : b[p, j]) }
                #expect(abs(c[i, j] - expected) < 1e-5)
            }
        }
    }
}
