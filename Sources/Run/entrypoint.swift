import App
import Foundation

@main
enum Entrypoint {
    static func main() async {
        CanyuMain.runTasksOnEventLoops()
        exit(await CanyuMain.run())
    }
}
