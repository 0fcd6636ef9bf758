jest.setTimeout(20000)
global.setupFileRan = true
