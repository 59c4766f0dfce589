// 1. the application's own test ran and passed against the installed Spillover jars
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.social.SocialApplicationTest.xml')
assert report.isFile() : "the application's test did not run"
def text = report.text
assert text.contains('tests="1"') && text.contains('failures="0"') && text.contains('errors="0"')

// 2. Boot's dependency management gave the application the versions Spillover's build tested the
//    starter with (Boot's BOM overrides what the starter's POMs ask for: issue 14 met Jackson 3.2.2
//    -> 3.1.7 this way). Compared: every artifact on both runtime classpaths.
def versions = { File f ->
  def m = [:]
  f.eachLine { line ->
    def p = line.trim().split(' ')[0].split(':')
    if (p.length >= 5 && !line.contains('The following files')) {
      m[p[0] + ':' + p[1]] = p[p.length - 2]
    }
  }
  m
}
def tested = versions(new File(testedDependencies))
def app = versions(new File(basedir, 'target/runtime-dependencies.txt'))
assert tested.containsKey('tools.jackson.core:jackson-databind') : "tested-dependencies.txt is empty"
assert app.containsKey('io.spillover:spillover-core') : "runtime-dependencies.txt is empty"
def drift = tested.findAll { k, v -> app.containsKey(k) && app[k] != v }
    .collect { k, v -> "${k}: tested ${v}, a Boot application gets ${app[k]}" }
assert drift.isEmpty() : "Boot's BOM changes versions under the starter:\n  " + drift.join('\n  ')
println "Boot alignment: ${tested.keySet().intersect(app.keySet()).size()} artifacts, same versions"
